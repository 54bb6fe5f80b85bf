/**
 * Coordinates and the H3 hexagonal grid: validated {@link dev.hexsnap.core.geo.LatLng}
 * points and the shared, thread-safe {@link dev.hexsnap.core.geo.HexGrid} around Uber H3.
 */
package dev.hexsnap.core.geo;
