package dev.hexsnap.grid.persist;

/**
 * A row of {@code grid_build_resolution}: what a build found at one resolution.
 *
 * @param resolution        H3 resolution
 * @param cellsCovering     cells covering the regions
 * @param cellsWithRequests covering cells with requests
 * @param cellsKept         hot cells written
 * @param requestsInRegions requests whose cell covers a region
 * @param requestsOutside   requests whose cell covers none
 * @param requestsKept      requests in the kept cells
 * @param hotspotsCentroid  hotspots that are the densest micro-cell's centroid
 * @param hotspotsFallback  hotspots moved inside the cell (the centroid fell outside)
 */
public record ResolutionRecord(int resolution, int cellsCovering, int cellsWithRequests, int cellsKept,
                               long requestsInRegions, long requestsOutside, long requestsKept, int hotspotsCentroid,
                               int hotspotsFallback) {

    public double coveredShare() {
        return requestsInRegions == 0 ? 0 : (double) requestsKept / requestsInRegions;
    }
}
