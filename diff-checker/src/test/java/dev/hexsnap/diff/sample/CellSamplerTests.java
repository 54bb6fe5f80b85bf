package dev.hexsnap.diff.sample;

import dev.hexsnap.core.geo.LatLng;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CellSamplerTests {

    private static List<HotCell> cells(int n) {
        List<HotCell> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LatLng p = new LatLng(31 + i * 0.001, 121);
            cells.add(new HotCell(8, 1000L + i, "shanghai", p, p, i));
        }
        return cells;
    }

    @Test
    void theSameSeedPicksTheSameCellsWhateverTheInputOrder() {
        List<HotCell> cells = cells(200);
        List<HotCell> reversed = new ArrayList<>(cells.reversed());

        assertThat(CellSampler.pick(cells, 10, 7, "shanghai", 8)).isEqualTo(CellSampler.pick(reversed, 10, 7, "shanghai", 8));
    }

    @Test
    void anotherSeedPicksOtherCellsAndEveryPickIsDistinct() {
        List<HotCell> cells = cells(200);

        List<HotCell> a = CellSampler.pick(cells, 10, 7, "shanghai", 8);
        List<HotCell> b = CellSampler.pick(cells, 10, 8, "shanghai", 8);

        assertThat(a).hasSize(10).doesNotHaveDuplicates();
        assertThat(b).hasSize(10).doesNotHaveDuplicates();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aCityWithFewerCellsThanAskedGivesAllOfThem() {
        assertThat(CellSampler.pick(cells(4), 10, 1, "shanghai", 8)).hasSize(4);
    }
}
