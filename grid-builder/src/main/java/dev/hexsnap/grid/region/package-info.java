/**
 * The regions a grid covers (catalog cities as circles, GeoJSON polygons, CSV circles) and
 * the H3 cells that cover them at one resolution, indexed for a lookup per point.
 */
package dev.hexsnap.grid.region;
