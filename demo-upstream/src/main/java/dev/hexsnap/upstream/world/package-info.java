/**
 * The simulated O2O world: cities laid out in downtown, sub-centres and suburbs; stores with
 * irregular delivery areas, channels, opening hours and catalogs; products computed on demand
 * from their identity and the moment; all deterministic from a seed.
 */
package dev.hexsnap.upstream.world;
