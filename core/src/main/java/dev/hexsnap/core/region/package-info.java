/**
 * Regions the grid covers: real cities from the bundled SimpleMaps data (CC-BY-4.0, see
 * {@code NOTICE.md} beside it), as a centre and radius or as a polygon.
 */
package dev.hexsnap.core.region;
