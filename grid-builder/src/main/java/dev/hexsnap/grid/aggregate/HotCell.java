package dev.hexsnap.grid.aggregate;

/**
 * A kept cell, as {@code grid_cell} stores it.
 *
 * @param resolution H3 resolution
 * @param cell       H3 index
 * @param seq        rank within the build and resolution, from 0, hottest first
 * @param region     the region it covers
 * @param centerLat  the cell's centre
 * @param centerLng  the cell's centre
 * @param hotspotLat where its requests concentrate; inside the cell
 * @param hotspotLng where its requests concentrate; inside the cell
 * @param requests   requests in the cell
 */
public record HotCell(int resolution, long cell, int seq, String region, double centerLat, double centerLng,
                      double hotspotLat, double hotspotLng, long requests) {
}
