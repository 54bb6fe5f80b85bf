package dev.hexsnap.upstream.faults;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTests {

    @Test
    void everythingIsOffByDefault() {
        Faults faults = new Faults();

        for (FaultTarget endpoint : FaultTarget.endpoints()) {
            assertThat(faults.get(endpoint).isNone()).isTrue();
            assertThat(faults.decide(endpoint).outcome()).isEqualTo(Faults.Outcome.SERVE);
        }
    }

    @Test
    void injectedRatesAreHonouredStatistically() {
        Faults faults = new Faults();
        faults.set(FaultTarget.HOME, FaultSettings.none().withErrorRate(0.2).withTimeoutRate(0.1).withEmptyRate(0.05));
        int n = 40_000;

        Map<Faults.Outcome, Integer> counts = new EnumMap<>(Faults.Outcome.class);
        for (int i = 0; i < n; i++) {
            counts.merge(faults.decide(FaultTarget.HOME).outcome(), 1, Integer::sum);
        }

        // Each count is binomial; 5 standard deviations leaves a false alarm once in ~3.5 million runs.
        assertWithinFiveSigma(counts.getOrDefault(Faults.Outcome.ERROR_500, 0) + counts.getOrDefault(Faults.Outcome.ERROR_503, 0), n, 0.2);
        assertWithinFiveSigma(counts.getOrDefault(Faults.Outcome.ERROR_500, 0), n, 0.1);
        assertWithinFiveSigma(counts.getOrDefault(Faults.Outcome.TIMEOUT, 0), n, 0.1);
        assertWithinFiveSigma(counts.getOrDefault(Faults.Outcome.EMPTY, 0), n, 0.05);
        assertWithinFiveSigma(counts.getOrDefault(Faults.Outcome.SERVE, 0), n, 0.65);
        // Other endpoints are untouched.
        assertThat(faults.decide(FaultTarget.CHANNEL).outcome()).isEqualTo(Faults.Outcome.SERVE);
    }

    @Test
    void anOutageFailsEveryRequestAndResetTurnsItOff() {
        Faults faults = new Faults();
        faults.set(FaultTarget.ALL, FaultSettings.fullOutage().withLatencyMs(5));

        for (FaultTarget endpoint : FaultTarget.endpoints()) {
            for (int i = 0; i < 100; i++) {
                assertThat(faults.decide(endpoint)).isEqualTo(new Faults.Decision(5, Faults.Outcome.OUTAGE));
            }
        }
        faults.reset();
        assertThat(faults.all().values()).allSatisfy(s -> assertThat(s.isNone()).isTrue());
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> FaultSettings.none().withErrorRate(1.5)).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> FaultSettings.none().withTimeoutRate(-0.1)).hasMessageContaining("timeoutRate");
        assertThatThrownBy(() -> FaultSettings.none().withEmptyRate(Double.NaN)).hasMessageContaining("emptyRate");
        assertThatThrownBy(() -> FaultSettings.none().withLatencyMs(-1)).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> FaultSettings.none().withErrorRate(0.6).withTimeoutRate(0.6)).hasMessageContaining("must not exceed 1");
        assertThatThrownBy(() -> new Faults().get(FaultTarget.ALL)).hasMessageContaining("not an endpoint");
    }

    static void assertWithinFiveSigma(int observed, int n, double p) {
        double sigma = Math.sqrt(n * p * (1 - p));
        assertThat((double) observed).as("count for rate " + p).isBetween(n * p - 5 * sigma, n * p + 5 * sigma);
    }
}
