package dev.hexsnap.diff.score;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.diff.probe.PageProbe;
import dev.hexsnap.diff.probe.ProbePoint;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.sample.Sample;
import dev.hexsnap.diff.similarity.Comparison;
import dev.hexsnap.diff.similarity.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The two measures on grids built so that they disagree: a busy cell against many quiet ones.
 * Every sampled cell is probed at seven points, home page only; a cell "matches" when all seven
 * points' pages match, "does not" when none does.
 */
class FidelityEstimatesTests {

    private static final double THRESHOLD = 0.8;
    private static final double MARGIN = 0.02;

    @Test
    void oneBusyCellThatMatchesAmongManyQuietOnesThatDoNotLeavesMostUsersServed() {
        // given 10 of a city's 40 hot cells sampled: the busy one (10,000 requests) matches, nine quiet ones (10 each) do not
        List<PageProbe> probes = new ArrayList<>();
        probes.addAll(cell(1, "shanghai", 10_000, true));
        for (int i = 2; i <= 10; i++) {
            probes.addAll(cell(i, "shanghai", 10, false));
        }

        FidelityEstimates.Shares shares = estimate(probes, 40).resolution(8);

        // then users: 10,000 of 10,090 requests; points: 7 of 70
        assertThat(shares.users().share()).isCloseTo(10_000.0 / 10_090, within(1e-9));
        assertThat(shares.points().share()).isCloseTo(0.1, within(1e-9));
        assertThat(shares.users().share()).isGreaterThan(0.9);
        assertThat(shares.points().share()).isLessThan(0.2);
        assertIntervalAround(shares.users());
        assertIntervalAround(shares.points());
    }

    @Test
    void oneBusyCellThatDoesNotMatchAmongManyQuietOnesThatDoLeavesMostUsersUnserved() {
        List<PageProbe> probes = new ArrayList<>();
        probes.addAll(cell(1, "shanghai", 10_000, false));
        for (int i = 2; i <= 10; i++) {
            probes.addAll(cell(i, "shanghai", 10, true));
        }

        FidelityEstimates.Shares shares = estimate(probes, 40).resolution(8);

        assertThat(shares.users().share()).isCloseTo(90.0 / 10_090, within(1e-9));
        assertThat(shares.points().share()).isCloseTo(0.9, within(1e-9));
        assertThat(shares.users().share()).isLessThan(0.1);
        assertThat(shares.points().share()).isGreaterThan(0.8);
        assertIntervalAround(shares.users());
        assertIntervalAround(shares.points());
    }

    @Test
    void theTargetIsCheckedOnTheUsersShare() {
        List<PageProbe> probes = new ArrayList<>();
        probes.addAll(cell(1, "shanghai", 10_000, true));
        for (int i = 2; i <= 10; i++) {
            probes.addAll(cell(i, "shanghai", 10, false));
        }

        FidelityEstimates estimates = estimate(probes, 40);

        assertThat(estimates.meets(8, 0.9)).isTrue();
        assertThat(estimates.meets(7, 0.9)).as("a resolution not compared").isFalse();
    }

    @Test
    void thePointsShareIsTheDiffsPooledFigure() {
        List<PageProbe> probes = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            probes.addAll(cell(i, i % 2 == 0 ? "shanghai" : "beijing", 100 * i, i % 3 != 0));
        }

        FidelityEstimates estimates = estimate(probes, 30);

        assertThat(estimates.resolution(8).points().share())
                .isCloseTo(FidelityScores.of(probes, THRESHOLD).resolution(8).matchShare(), within(1e-12));
        assertThat(estimates.cities().get(8)).containsOnlyKeys("beijing", "shanghai");
        assertThat(estimates.pages().get(8)).containsOnlyKeys("home");
    }

    @Test
    void cellsOfABigCityWeighMoreThanCellsOfASmallOne() {
        // given the same requests per sampled cell: beijing's 5 sampled cells stand for 500 hot cells, shanghai's 5 for 10
        List<PageProbe> probes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            probes.addAll(cell(i, "beijing", 100, true));
            probes.addAll(cell(10 + i, "shanghai", 100, false));
        }

        FidelityEstimates estimates = FidelityEstimates.of(probes, THRESHOLD,
                List.of(new Sample.Population("beijing", 8, 500), new Sample.Population("shanghai", 8, 10)), MARGIN);

        assertThat(estimates.resolution(8).users().share()).isCloseTo(500.0 / 510, within(1e-9));
        assertThat(estimates.resolution(8).points().share()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void tenCellsThatAllMatchAreNotCertainButACensusIs() {
        List<PageProbe> probes = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            probes.addAll(cell(i, "shanghai", 50 + i, true));
        }

        Estimate sampled = estimate(probes, 1_000).resolution(8).users();
        Estimate census = estimate(probes, 10).resolution(8).users();

        assertThat(sampled.share()).isEqualTo(1.0);
        assertThat(sampled.high()).isEqualTo(1.0);
        assertThat(sampled.low()).as("ten cells of a thousand").isLessThan(0.8);
        assertThat(sampled.cellsPerCityForMargin()).isGreaterThan(10);
        assertThat(census.low()).isEqualTo(1.0);
        assertThat(census.hotCells()).isEqualTo(10);
        assertThat(census.cellsPerCityForMargin()).isLessThanOrEqualTo(10);
    }

    @Test
    void aSampleOfTheCellsPerCityItNamesHasAnIntervalOfTheMargin() {
        // given 20 of 100,000 cells, alike in requests, every other one matching
        Estimate twenty = estimate(alternating(20), 100_000).resolution(8).users();
        int planned = twenty.cellsPerCityForMargin();

        // when a sample of that size shows the same spread
        Estimate atPlan = estimate(alternating(planned + planned % 2), 100_000).resolution(8).users();
        Estimate atHalf = estimate(alternating(planned / 2 + planned / 2 % 2), 100_000).resolution(8).users();

        // then its interval is ± 2 points, and half of it is not enough (about 1.96² × 0.25 / 0.02² = 2,401 cells)
        assertThat(planned).isBetween(2_300, 2_500);
        assertThat((atPlan.high() - atPlan.low()) / 2).isLessThanOrEqualTo(MARGIN + 1e-4);
        assertThat((atHalf.high() - atHalf.low()) / 2).isGreaterThan(MARGIN);
        assertThat((twenty.high() - twenty.low()) / 2).isGreaterThan(0.15);
    }

    private static List<PageProbe> alternating(int cells) {
        List<PageProbe> probes = new ArrayList<>();
        for (int i = 1; i <= cells; i++) {
            probes.addAll(cell(i, "shanghai", 100, i % 2 == 0));
        }
        return probes;
    }

    @Test
    void aCityWithOneSampledCellOfManyHasAShareButNoIntervalOfItsOwn() {
        List<PageProbe> probes = new ArrayList<>(cell(1, "shanghai", 100, true));

        Estimate users = estimate(probes, 50).resolution(8).users();

        assertThat(users.share()).isEqualTo(1.0);
        assertThat(users.bounded()).isFalse();
        assertThat(users.cellsPerCityForMargin()).isNull();
    }

    @Test
    void theSameProbesGiveTheSameFigures() {
        List<PageProbe> probes = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            probes.addAll(cell(i, "shanghai", 37L * i % 101 + 1, i % 4 != 0));
        }

        assertThat(estimate(probes, 300)).isEqualTo(estimate(probes, 300));
    }

    // ------------------------------------------------------------------ helpers

    private static FidelityEstimates estimate(List<PageProbe> probes, long hotCellsPerCity) {
        List<Sample.Population> populations = probes.stream().map(p -> p.cell().region()).distinct()
                .map(city -> new Sample.Population(city, 8, hotCellsPerCity)).toList();
        return FidelityEstimates.of(probes, THRESHOLD, populations, MARGIN);
    }

    /** Seven home-page comparisons of one resolution-8 cell, all matching or none. */
    private static List<PageProbe> cell(long id, String city, long requests, boolean matches) {
        LatLng centre = new LatLng(31 + id * 0.01, 121);
        HotCell cell = new HotCell(8, id, city, centre, centre, requests);
        List<PageProbe> probes = new ArrayList<>();
        for (int point = 0; point < 7; point++) {
            probes.add(new PageProbe(cell, new ProbePoint(point == 0 ? "centre" : "v" + point, centre), point, "home",
                    Comparison.outright(Verdict.COMPARED, matches ? 0.95 : 0.3), null));
        }
        // a failed live page says nothing: it must not change either figure
        probes.add(new PageProbe(cell, new ProbePoint("centre", centre), 0, "home",
                Comparison.outright(Verdict.LIVE_FAILED, 0), "timeout"));
        return probes;
    }

    private static void assertIntervalAround(Estimate e) {
        assertThat(e.bounded()).isTrue();
        assertThat(e.low()).isLessThanOrEqualTo(e.share()).isGreaterThanOrEqualTo(0);
        assertThat(e.high()).isGreaterThanOrEqualTo(e.share()).isLessThanOrEqualTo(1);
        assertThat(e.high() - e.low()).isGreaterThan(0);
    }
}
