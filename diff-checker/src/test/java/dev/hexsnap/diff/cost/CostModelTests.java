package dev.hexsnap.diff.cost;

import dev.hexsnap.diff.config.DiffSettings;
import dev.hexsnap.diff.score.Estimate;
import dev.hexsnap.diff.score.FidelityEstimates;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CostModelTests {

    private final CostModel model = new CostModel(new DiffSettings.Cost(new BigDecimal("15"), DataSize.ofGigabytes(5), "¥",
            Map.of(7, 1000L, 8, 7000L)));

    @Test
    void fiveGigabytesCostFifteenYuanAMonth() {
        assertThat(model.monthly(5L * 1024 * 1024 * 1024)).isEqualByComparingTo("15.00");
        assertThat(model.monthly(0)).isEqualByComparingTo("0");
    }

    @Test
    void eachResolutionCarriesTheSharedStorePagesAndAnExtrapolation() {
        Storage storage = new Storage("g", Map.of(7, new Storage.LocationPages(10, 60, 1_000), 8, new Storage.LocationPages(70, 420, 7_000)),
                5, 500, 0, 0);

        List<ResolutionCost> costs = model.costs(storage, List.of(7, 8));

        assertThat(costs.get(0).bytes()).isEqualTo(1_500);
        assertThat(costs.get(1).bytes()).isEqualTo(7_500);
        // 100 bytes per cell × 1000 nationwide cells; 100 × 7000
        assertThat(costs.get(0).nationwideLocationBytes()).isEqualTo(100_000);
        assertThat(costs.get(1).nationwideLocationBytes()).isEqualTo(700_000);
    }

    @Test
    void theCheapestResolutionWhoseUsersReachTheTargetIsRecommended() {
        List<ResolutionCost> costs = List.of(cost(7, "10"), cost(8, "70"));

        Recommendation both = Recommendation.choose(estimates(Map.of(7, 0.92, 8, 0.97), Map.of(7, 0.5, 8, 0.5)), costs, 0.9, "¥");
        Recommendation onlyFine = Recommendation.choose(estimates(Map.of(7, 0.85, 8, 0.95), Map.of(7, 0.99, 8, 0.5)), costs, 0.9, "¥");
        Recommendation none = Recommendation.choose(estimates(Map.of(7, 0.6, 8, 0.7), Map.of(7, 0.95, 8, 0.95)), costs, 0.9, "¥");

        assertThat(both.resolution()).isEqualTo(7);
        assertThat(both.text()).contains("resolution 7").contains("92.0% (95% CI 90.0-94.0%) of users").contains("50.0% of points");
        assertThat(onlyFine.resolution()).as("the points' 99% of resolution 7 does not decide").isEqualTo(8);
        assertThat(none.resolution()).isNull();
        assertThat(none.text()).contains("No resolution reaches the target of 90% of users").contains("resolution 8 with 70.0%");
    }

    @Test
    void aRecommendationWhoseIntervalReachesBelowTheTargetSaysSo() {
        FidelityEstimates unsure = new FidelityEstimates(0.95, 0.02, Map.of(7, new FidelityEstimates.Shares(
                new Estimate(0.91, 0.80, 0.97, 10, 500, 240), new Estimate(0.9, 0.85, 0.95, 10, 500, 100))),
                Map.of(), Map.of(), Map.of());

        Recommendation r = Recommendation.choose(unsure, List.of(cost(7, "10")), 0.9, "¥");

        assertThat(r.resolution()).isEqualTo(7);
        assertThat(r.text()).contains("The interval reaches below the target: sample more cells (240 per city for ± 2 points)");
    }

    private static ResolutionCost cost(int resolution, String monthly) {
        return new ResolutionCost(resolution, 1, 1, 0, 1, new BigDecimal(monthly), 0, 0, BigDecimal.ZERO);
    }

    /** Users' and points' shares per resolution, each with an interval of ± 2 points. */
    private static FidelityEstimates estimates(Map<Integer, Double> users, Map<Integer, Double> points) {
        Map<Integer, FidelityEstimates.Shares> resolutions = new java.util.TreeMap<>();
        users.forEach((res, share) -> resolutions.put(res, new FidelityEstimates.Shares(
                new Estimate(share, share - 0.02, share + 0.02, 10, 100, 50),
                new Estimate(points.get(res), points.get(res) - 0.02, points.get(res) + 0.02, 10, 100, 50))));
        return new FidelityEstimates(0.95, 0.02, resolutions, Map.of(), Map.of(), Map.of());
    }
}
