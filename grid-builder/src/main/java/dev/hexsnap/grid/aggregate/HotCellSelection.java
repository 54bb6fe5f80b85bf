package dev.hexsnap.grid.aggregate;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.grid.region.CellIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an aggregate into the hot cells of its resolution: applies the thresholds, ranks the
 * kept cells hottest first (ties by cell id, so a re-run ranks the same way), and gives each
 * its centre and its verified hotspot.
 */
public final class HotCellSelection {

    private HotCellSelection() {
    }

    public static ResolutionResult select(ResolutionAggregate aggregate, Thresholds thresholds, HexGrid grid) {
        CellIndex cells = aggregate.cells();
        int candidates = 0;
        int[] order = new int[aggregate.cellsWithRequests()];
        for (int slot = 0; slot < cells.size(); slot++) {
            if (aggregate.requests(slot) >= thresholds.minCount()) {
                order[candidates++] = slot;
            }
        }
        Integer[] ranked = new Integer[candidates];
        for (int i = 0; i < candidates; i++) {
            ranked[i] = order[i];
        }
        Arrays.sort(ranked, (a, b) -> {
            int byRequests = Long.compare(aggregate.requests(b), aggregate.requests(a));
            return byRequests != 0 ? byRequests : Long.compare(cells.cell(a), cells.cell(b));
        });
        // Keep the hottest cells until they hold topShare of the requests in the regions.
        long target = (long) Math.ceil(thresholds.topShare() * aggregate.requestsInRegions());
        int kept = 0;
        long keptRequests = 0;
        while (kept < candidates && (thresholds.topShare() >= 1.0 || keptRequests < target)) {
            keptRequests += aggregate.requests(ranked[kept]);
            kept++;
        }
        List<HotCell> hot = new ArrayList<>(kept);
        int moved = 0;
        for (int seq = 0; seq < kept; seq++) {
            int slot = ranked[seq];
            long cell = cells.cell(slot);
            LatLng centre = grid.center(cell);
            ResolutionAggregate.Hotspot hotspot = aggregate.hotspot(slot, grid);
            if (hotspot.moved()) {
                moved++;
            }
            if (grid.cellOf(hotspot.lat(), hotspot.lng(), aggregate.resolution()) != cell) {
                // Cannot happen by construction; a grid with a hotspot outside its cell must never be written.
                throw new IllegalStateException("hotspot " + hotspot + " is not inside cell " + Long.toHexString(cell));
            }
            hot.add(new HotCell(aggregate.resolution(), cell, seq, cells.region(slot), centre.lat(), centre.lng(),
                    hotspot.lat(), hotspot.lng(), aggregate.requests(slot)));
        }
        return new ResolutionResult(aggregate.resolution(), cells.size(), aggregate.cellsWithRequests(),
                aggregate.requestsInRegions(), aggregate.requestsOutside(), keptRequests, moved, List.copyOf(hot));
    }
}
