package dev.hexsnap.diff.cost;

import dev.hexsnap.diff.config.DiffSettings;
import dev.hexsnap.diff.score.FidelityScores;
import dev.hexsnap.diff.score.Score;
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
    void theCheapestResolutionReachingTheTargetIsRecommended() {
        List<ResolutionCost> costs = List.of(cost(7, "10"), cost(8, "70"));

        Recommendation both = Recommendation.choose(scores(Map.of(7, 0.92, 8, 0.97)), costs, 0.9, "¥");
        Recommendation onlyFine = Recommendation.choose(scores(Map.of(7, 0.85, 8, 0.95)), costs, 0.9, "¥");
        Recommendation none = Recommendation.choose(scores(Map.of(7, 0.6, 8, 0.7)), costs, 0.9, "¥");

        assertThat(both.resolution()).isEqualTo(7);
        assertThat(both.text()).contains("resolution 7");
        assertThat(onlyFine.resolution()).isEqualTo(8);
        assertThat(none.resolution()).isNull();
        assertThat(none.text()).contains("No resolution reaches the target of 90%").contains("resolution 8 with 70.0%");
    }

    private static ResolutionCost cost(int resolution, String monthly) {
        return new ResolutionCost(resolution, 1, 1, 0, 1, new BigDecimal(monthly), 0, 0, BigDecimal.ZERO);
    }

    private static FidelityScores scores(Map<Integer, Double> shares) {
        Map<Integer, Score> resolutions = new java.util.TreeMap<>();
        shares.forEach((res, share) -> resolutions.put(res, new Score(100, Math.round(share * 100), share, share, 0)));
        return new FidelityScores(0.8, Score.NONE, resolutions, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    }
}
