package dev.hexsnap.grid.aggregate;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.grid.region.Area;
import dev.hexsnap.grid.region.CellIndex;
import dev.hexsnap.grid.region.Coverage;
import dev.hexsnap.grid.region.RegionInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ResolutionAggregateTests {

    private final HexGrid grid = HexGrid.shared();
    private final List<Area> shanghai = new RegionInput(CityCatalog.bundled(), System.err)
            .cities(List.of("shanghai"), 10).areas();

    private ResolutionAggregate aggregate(int resolution) {
        CellIndex cells = Coverage.of(shanghai, resolution, grid, 1_000_000);
        return new ResolutionAggregate(cells, 75, 8);
    }

    private void add(ResolutionAggregate aggregate, double lat, double lng, long count) {
        aggregate.add(grid.cellOf(lat, lng, aggregate.resolution()), lat, lng, count);
    }

    @Test
    void theHotspotIsWhereRequestsConcentrateNotTheCentre() {
        // given: a resolution-7 cell with requests spread all over it and a dense spot off-centre
        ResolutionAggregate aggregate = aggregate(7);
        LatLng centre = CityCatalog.bundled().require("shanghai").centre();
        long cell = grid.cellOf(centre, 7);
        LatLng spot = grid.verticesInside(cell, 0.35).get(2);
        SplittableRandom random = new SplittableRandom(1);
        List<LatLng> corners = grid.vertices(cell);
        for (int i = 0; i < 5000; i++) {
            LatLng a = corners.get(random.nextInt(corners.size()));
            LatLng p = a.towards(grid.center(cell), random.nextDouble());
            add(aggregate, p.lat(), p.lng(), 1 + random.nextInt(3));
        }
        for (int i = 0; i < 800; i++) {
            add(aggregate, spot.lat() + random.nextGaussian() * 0.0001, spot.lng() + random.nextGaussian() * 0.0001, 2);
        }

        // when
        int slot = aggregate.cells().slotOf(cell);
        ResolutionAggregate.Hotspot hotspot = aggregate.hotspot(slot, grid);

        // then: within one micro-cell (75 m) of the dense spot, and inside the cell
        assertThat(new LatLng(hotspot.lat(), hotspot.lng()).distanceMetres(spot)).isLessThan(75);
        assertThat(grid.cellOf(hotspot.lat(), hotspot.lng(), 7)).isEqualTo(cell);
        assertThat(hotspot.moved()).isFalse();
    }

    @Test
    void theHotspotStaysInsideItsCellEvenWhenRequestsHugItsEdge() {
        // given: for many cells, all requests on a thin strip just inside one edge, where the
        // centroid of a micro-cell can fall outside the curved cell boundary
        ResolutionAggregate aggregate = aggregate(8);
        SplittableRandom random = new SplittableRandom(2);
        int cells = 0;
        for (int slot = 0; slot < aggregate.cells().size(); slot += 7) {
            long cell = aggregate.cells().cell(slot);
            List<LatLng> corners = grid.vertices(cell);
            LatLng centre = grid.center(cell);
            int edge = random.nextInt(corners.size());
            LatLng a = corners.get(edge);
            LatLng b = corners.get((edge + 1) % corners.size());
            for (int i = 0; i < 40; i++) {
                LatLng onEdge = a.towards(b, random.nextDouble());
                LatLng p = onEdge.towards(centre, random.nextDouble() * 0.002);
                if (grid.cellOf(p, 8) == cell) {
                    aggregate.add(cell, p.lat(), p.lng(), 1);
                }
            }
            cells++;
        }

        // when / then
        int checked = 0;
        for (int slot = 0; slot < aggregate.cells().size(); slot++) {
            if (aggregate.requests(slot) > 0) {
                ResolutionAggregate.Hotspot hotspot = aggregate.hotspot(slot, grid);
                assertThat(grid.cellOf(hotspot.lat(), hotspot.lng(), 8)).isEqualTo(aggregate.cells().cell(slot));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(cells * 9 / 10);
    }

    @Test
    void aCentroidOutsideTheCellIsMovedInTowardARealRequestOfTheCell() {
        // given: the cell's first request inside it, then its densest micro-cell centred just
        // across an edge (as a micro-cell cut by a curved edge could be)
        ResolutionAggregate aggregate = aggregate(8);
        LatLng centre = CityCatalog.bundled().require("shanghai").centre();
        long cell = grid.cellOf(centre, 8);
        LatLng inside = grid.verticesInside(cell, 0.5).getFirst();
        LatLng corner = grid.vertices(cell).getFirst();
        LatLng across = inside.towards(corner, 1.15); // past the corner, in a neighbour
        assertThat(grid.cellOf(across, 8)).isNotEqualTo(cell);
        aggregate.add(cell, inside.lat(), inside.lng(), 1);
        for (int i = 0; i < 20; i++) {
            aggregate.add(cell, across.lat(), across.lng(), 5);
        }

        // when
        ResolutionAggregate.Hotspot hotspot = aggregate.hotspot(aggregate.cells().slotOf(cell), grid);

        // then: moved, inside, and nearer the dense spot than the first request is
        assertThat(hotspot.moved()).isTrue();
        assertThat(grid.cellOf(hotspot.lat(), hotspot.lng(), 8)).isEqualTo(cell);
        LatLng at = new LatLng(hotspot.lat(), hotspot.lng());
        assertThat(at.distanceMetres(across)).isLessThan(inside.distanceMetres(across));
    }

    @Test
    void requestsOutsideEveryRegionAreCountedApart() {
        ResolutionAggregate aggregate = aggregate(7);
        LatLng centre = CityCatalog.bundled().require("shanghai").centre();

        add(aggregate, centre.lat(), centre.lng(), 5);
        add(aggregate, 39.9, 116.4, 3); // Beijing: not in the region
        add(aggregate, centre.lat(), centre.lng(), 0); // no requests: nothing happens

        assertThat(aggregate.requestsInRegions()).isEqualTo(5);
        assertThat(aggregate.requestsOutside()).isEqualTo(3);
        assertThat(aggregate.cellsWithRequests()).isEqualTo(1);
    }

    @Test
    void memoryPerCellDoesNotGrowWithTheNumberOfPoints() {
        // given: a million points into one cell, spread over far more micro-cells than candidates
        ResolutionAggregate aggregate = aggregate(7);
        LatLng centre = CityCatalog.bundled().require("shanghai").centre();
        long cell = grid.cellOf(centre, 7);
        SplittableRandom random = new SplittableRandom(3);
        List<LatLng> corners = grid.vertices(cell);
        for (int i = 0; i < 1_000_000; i++) {
            LatLng p = centre.towards(corners.get(i % 6), random.nextDouble() * 0.9);
            aggregate.add(cell, p.lat(), p.lng(), 1);
        }

        // then: the totals are exact and the hotspot is still inside
        int slot = aggregate.cells().slotOf(cell);
        assertThat(aggregate.requests(slot)).isEqualTo(1_000_000);
        ResolutionAggregate.Hotspot hotspot = aggregate.hotspot(slot, grid);
        assertThat(grid.cellOf(hotspot.lat(), hotspot.lng(), 7)).isEqualTo(cell);
    }
}
