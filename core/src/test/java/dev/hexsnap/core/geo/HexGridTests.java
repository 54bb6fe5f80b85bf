package dev.hexsnap.core.geo;

import com.uber.h3core.H3Core;
import org.junit.jupiter.api.Test;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HexGridTests {

    private final HexGrid grid = HexGrid.shared();
    private final LatLng peoplesSquare = new LatLng(31.2304, 121.4737);

    @Test
    void resolution7HexagonHasSixTrueVerticesThoughItsBoundaryHasMore() {
        long cell = grid.cellOf(peoplesSquare, 7);

        assertThat(grid.vertices(cell)).hasSize(6);
        assertThat(grid.boundary(cell).size()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void pentagonsHaveFiveTrueVerticesInsideAfterTheNudgeAndOddResolutionsAddDistortionVertices() throws Exception {
        H3Core h3 = H3Core.newInstance();
        for (int resolution : new int[]{7, 8}) {
            Collection<Long> pentagons = h3.getPentagons(resolution);
            assertThat(pentagons).hasSize(12);
            for (long pentagon : pentagons) {
                assertThat(grid.isPentagon(pentagon)).isTrue();
                assertThat(grid.vertices(pentagon)).as("pentagon %s", grid.toAddress(pentagon)).hasSize(5);
                for (LatLng corner : grid.verticesInside(pentagon, 0.02)) {
                    assertThat(grid.contains(pentagon, corner)).as("corner %s of %s", corner, grid.toAddress(pentagon)).isTrue();
                }
                if (resolution == 7) {
                    // Class III: a pentagon's edges cross icosahedron faces, so its drawn boundary has
                    // distortion vertices that are not corners.
                    assertThat(grid.boundary(pentagon).size()).isGreaterThan(grid.vertices(pentagon).size());
                }
            }
        }
    }

    @Test
    void verticesNudgedTowardTheCentreLieInsideTheirCell() {
        for (int resolution : new int[]{7, 8}) {
            long cell = grid.cellOf(peoplesSquare, resolution);
            for (long ringCell : grid.rings(cell, 3).stream().flatMap(java.util.List::stream).toList()) {
                for (LatLng corner : grid.verticesInside(ringCell, 0.02)) {
                    assertThat(grid.contains(ringCell, corner)).as("corner %s of %s", corner, grid.toAddress(ringCell)).isTrue();
                }
            }
        }
    }

    @Test
    void addressesRoundTripAndGarbageIsRejectedReadably() {
        long cell = grid.cellOf(peoplesSquare, 8);

        assertThat(grid.parseAddress(grid.toAddress(cell))).isEqualTo(cell);
        assertThatThrownBy(() -> grid.parseAddress("zz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an H3 cell");
        assertThatThrownBy(() -> grid.parseAddress("ffffffffffffffff")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> grid.cellOf(peoplesSquare, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 15]");
    }

    @Test
    void latLngRejectsWhatH3WouldSilentlyAccept() {
        assertThatThrownBy(() -> new LatLng(91, 0)).hasMessageContaining("latitude");
        assertThatThrownBy(() -> new LatLng(Double.NaN, 0)).hasMessageContaining("latitude");
        assertThatThrownBy(() -> new LatLng(0, 180.5)).hasMessageContaining("longitude");
        assertThat(LatLng.isValid(Double.POSITIVE_INFINITY, 0)).isFalse();
    }

    @Test
    void cellsInPolygonCoverACityDisc() {
        var disc = new dev.hexsnap.core.region.Region.Circle(peoplesSquare, 5);

        var cells = grid.cellsInPolygon(disc.outline(), 8);

        double coveredKm2 = cells.size() * grid.areaKm2(grid.cellOf(peoplesSquare, 8));
        assertThat(coveredKm2).isCloseTo(Math.PI * 5 * 5, org.assertj.core.data.Percentage.withPercentage(8));
        assertThat(cells).contains(grid.cellOf(peoplesSquare, 8));
    }
}
