package dev.hexsnap.diff.score;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.diff.probe.PageProbe;
import dev.hexsnap.diff.probe.ProbePoint;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.similarity.Comparison;
import dev.hexsnap.diff.similarity.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breakdowns of the diff's report, summed by hand: per city, per page kind and page, and
 * the mean overlap per floor, each within its resolution. Similarities are binary fractions,
 * so every expected figure is exact.
 */
class FidelityScoresTests {

    static final double THRESHOLD = 0.8;
    static final LatLng SOMEWHERE = new LatLng(31.23, 121.47);
    static final HotCell SHANGHAI_7 = new HotCell(7, 0x872830828ffffffL, "shanghai", SOMEWHERE, SOMEWHERE, 100);
    static final HotCell BEIJING_7 = new HotCell(7, 0x8731aa428ffffffL, "beijing", SOMEWHERE, SOMEWHERE, 90);
    static final HotCell SHANGHAI_8 = new HotCell(8, 0x882830828bfffffL, "shanghai", SOMEWHERE, SOMEWHERE, 80);

    static PageProbe probe(HotCell cell, int point, String page, double similarity, Map<String, Double> floors) {
        return new PageProbe(cell, new ProbePoint(point == 0 ? "centre" : "corner-" + point, SOMEWHERE), point, page,
                new Comparison(Verdict.COMPARED, similarity, Double.NaN, Double.NaN, floors), null);
    }

    static final List<PageProbe> PROBES = List.of(
            probe(SHANGHAI_7, 0, "home", 1.0, Map.of("banner", 1.0, "stores", 0.5)),
            probe(SHANGHAI_7, 0, "supermarket", 0.5, Map.of("goods", 0.25)),
            probe(BEIJING_7, 0, "home", 0.75, Map.of("stores", 1.0)),
            new PageProbe(BEIJING_7, new ProbePoint("corner-1", SOMEWHERE), 1, "home",
                    Comparison.outright(Verdict.LIVE_FAILED, 0), "timeout"),
            probe(SHANGHAI_8, 0, "home", 0.25, Map.of()));

    final FidelityScores scores = FidelityScores.of(PROBES, THRESHOLD);

    @Test
    void perCityWithinEachResolution() {
        assertThat(scores.cities()).isEqualTo(Map.of(
                7, Map.of("shanghai", new Score(2, 1, 0.5, 0.75, 0),
                        "beijing", new Score(1, 0, 0.0, 0.75, 1)),
                8, Map.of("shanghai", new Score(1, 0, 0.0, 0.25, 0))));
    }

    @Test
    void perPageAndPerPageKindWithinEachResolution() {
        assertThat(scores.pages()).isEqualTo(Map.of(
                7, Map.of("home", new Score(2, 1, 0.5, 0.875, 1),
                        "supermarket", new Score(1, 0, 0.0, 0.5, 0)),
                8, Map.of("home", new Score(1, 0, 0.0, 0.25, 0))));
        assertThat(scores.kinds()).isEqualTo(Map.of(
                7, Map.of("home", new Score(2, 1, 0.5, 0.875, 1),
                        "channel", new Score(1, 0, 0.0, 0.5, 0)),
                8, Map.of("home", new Score(1, 0, 0.0, 0.25, 0))));
    }

    @Test
    void perFloorTheMeanOverlapOverTheComparisonsThatHadIt() {
        assertThat(scores.floors()).isEqualTo(Map.of(
                7, Map.of("home/banner", new FidelityScores.FloorOverlap(1.0, 1),
                        "home/stores", new FidelityScores.FloorOverlap(0.75, 2),
                        "channel/goods", new FidelityScores.FloorOverlap(0.25, 1))));
    }

    @Test
    void theBreakdownsAddUpToTheirResolution() {
        assertThat(scores.resolution(7)).isEqualTo(new Score(3, 1, 1.0 / 3, 0.75, 1));
        assertThat(scores.resolution(8)).isEqualTo(new Score(1, 0, 0.0, 0.25, 0));
        assertThat(scores.overall()).isEqualTo(new Score(4, 1, 0.25, 0.625, 1));
    }
}
