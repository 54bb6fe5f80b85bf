package dev.hexsnap.api.location;

import dev.hexsnap.core.geo.HexGrid;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which other resolutions are tried. */
class CellLocatorTests {

    @Test
    void coarserResolutionsComeFirstNearestFirstThenFinerOnes() {
        CellLocator locator = new CellLocator(HexGrid.shared(), null, 8, 2);

        assertThat(locator.otherResolutions(List.of(6, 7, 8, 9, 10))).containsExactly(7, 6, 9, 10);
        assertThat(locator.otherResolutions(List.of(8))).isEmpty();
        assertThat(locator.otherResolutions(List.of())).isEmpty();
    }
}
