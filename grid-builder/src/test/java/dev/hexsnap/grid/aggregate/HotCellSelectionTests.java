package dev.hexsnap.grid.aggregate;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.grid.region.Area;
import dev.hexsnap.grid.region.Coverage;
import dev.hexsnap.grid.region.RegionInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HotCellSelectionTests {

    private final HexGrid grid = HexGrid.shared();

    /** Five cells with 50, 30, 10, 6 and 4 requests (100 in all) and the rest empty. */
    private ResolutionAggregate fiveCells() {
        List<Area> areas = new RegionInput(CityCatalog.bundled(), System.err).cities(List.of("shanghai"), 10).areas();
        ResolutionAggregate aggregate = new ResolutionAggregate(Coverage.of(areas, 8, grid, 100_000), 75, 8);
        long[] counts = {4, 50, 10, 30, 6};
        for (int i = 0; i < counts.length; i++) {
            long cell = aggregate.cells().cell(i * 11);
            LatLng centre = grid.center(cell);
            aggregate.add(cell, centre.lat(), centre.lng(), counts[i]);
        }
        return aggregate;
    }

    @Test
    void keepsEveryCellWithRequestsHottestFirst() {
        ResolutionResult result = HotCellSelection.select(fiveCells(), Thresholds.keepAll(), grid);

        assertThat(result.hotCells()).extracting(HotCell::requests).containsExactly(50L, 30L, 10L, 6L, 4L);
        assertThat(result.hotCells()).extracting(HotCell::seq).containsExactly(0, 1, 2, 3, 4);
        assertThat(result.requestsKept()).isEqualTo(100);
        assertThat(result.coveredShare()).isEqualTo(1.0);
        assertThat(result.cellsWithRequests()).isEqualTo(5);
        assertThat(result.cellsCovering()).isGreaterThan(100);
    }

    @Test
    void minCountLeavesOutColdCells() {
        ResolutionResult result = HotCellSelection.select(fiveCells(), new Thresholds(10, 1.0), grid);

        assertThat(result.hotCells()).extracting(HotCell::requests).containsExactly(50L, 30L, 10L);
        assertThat(result.requestsKept()).isEqualTo(90);
    }

    @Test
    void topShareKeepsTheFewestHottestCellsHoldingThatShare() {
        assertThat(HotCellSelection.select(fiveCells(), new Thresholds(1, 0.8), grid).hotCells())
                .extracting(HotCell::requests).containsExactly(50L, 30L);
        assertThat(HotCellSelection.select(fiveCells(), new Thresholds(1, 0.81), grid).hotCells())
                .extracting(HotCell::requests).containsExactly(50L, 30L, 10L);
        assertThat(HotCellSelection.select(fiveCells(), new Thresholds(20, 0.95), grid).hotCells())
                .extracting(HotCell::requests).containsExactly(50L, 30L);
    }

    @Test
    void eachHotCellHasItsCentreAndAHotspotInsideIt() {
        for (HotCell cell : HotCellSelection.select(fiveCells(), Thresholds.keepAll(), grid).hotCells()) {
            assertThat(new LatLng(cell.centerLat(), cell.centerLng())).isEqualTo(grid.center(cell.cell()));
            assertThat(grid.cellOf(cell.hotspotLat(), cell.hotspotLng(), 8)).isEqualTo(cell.cell());
            assertThat(cell.region()).isEqualTo("shanghai");
        }
    }
}
