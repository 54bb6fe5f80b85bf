package dev.hexsnap.grid.aggregate;

import java.util.List;

/**
 * What one resolution of a build found: the figures of its summary row and its hot cells.
 *
 * @param resolution        H3 resolution
 * @param cellsCovering     cells covering the regions
 * @param cellsWithRequests covering cells with at least one request
 * @param requestsInRegions requests whose cell covers a region
 * @param requestsOutside   requests of valid points whose cell covers none
 * @param requestsKept      requests in the kept cells
 * @param hotspotsMoved     kept cells whose centroid fell outside the cell and was moved in
 * @param hotCells          the kept cells, hottest first ({@code seq} order)
 */
public record ResolutionResult(int resolution, int cellsCovering, int cellsWithRequests, long requestsInRegions,
                               long requestsOutside, long requestsKept, int hotspotsMoved, List<HotCell> hotCells) {

    /** Share of the requests in the regions that the kept cells hold, 0 when there are none. */
    public double coveredShare() {
        return requestsInRegions == 0 ? 0 : (double) requestsKept / requestsInRegions;
    }
}
