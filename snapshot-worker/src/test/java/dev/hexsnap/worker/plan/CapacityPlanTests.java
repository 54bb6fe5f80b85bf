package dev.hexsnap.worker.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapacityPlanTests {

    /** 1,000 cells of 6 pages and 500 stores of 20 pages, 1 KB stored a page, 100 pages/s per process. */
    private static CapacityPlan plan(int workers, int rps, Duration window) {
        return new CapacityPlan(1_000, 500, workers, 6, 20, 1_000, 100, false, rps, 3, window);
    }

    @Test
    void pagesBytesAndMemoryFollowFromTheMeasuredMeans() {
        CapacityPlan plan = plan(1, 1_000, Duration.ofHours(1));
        assertThat(plan.pages()).isEqualTo(16_000);
        assertThat(plan.storedBytes()).isEqualTo(16_000_000);
        assertThat(plan.redisBytes()).isEqualTo(3L * 16_000 * (1_000 + CapacityPlan.KEY_OVERHEAD_BYTES));
    }

    @Test
    void workersAddRateUntilTheCeilingHoldsIt() {
        CapacityPlan one = plan(1, 250, Duration.ofHours(1));
        assertThat(one.rate()).isEqualTo(100);
        assertThat(one.limitedByCeiling()).isFalse();
        assertThat(one.crawlTime()).isEqualTo(Duration.ofSeconds(160));
        assertThat(one.workersForCeiling()).isEqualTo(3);

        CapacityPlan four = plan(4, 250, Duration.ofHours(1));
        assertThat(four.rate()).isEqualTo(250);
        assertThat(four.limitedByCeiling()).isTrue();
        assertThat(four.crawlTime()).isEqualTo(Duration.ofSeconds(64));
    }

    @Test
    void itFitsOnlyWhenTheCrawlTimeIsWithinTheWindow() {
        assertThat(plan(1, 1_000, Duration.ofSeconds(160)).fits()).isTrue();
        assertThat(plan(1, 1_000, Duration.ofSeconds(159)).fits()).isFalse();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> plan(0, 100, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers");
    }
}
