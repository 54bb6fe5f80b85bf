package dev.hexsnap.api.callers;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token bucket per caller, on a ticker the test moves. */
class RequestLimiterTests {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final RequestLimiter limiter = new RequestLimiter(2, 3, nanos::get);

    @Test
    void aCallerGetsItsBurstThenWaitsForItsRate() {
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();

        assertThat(limiter.acquire("a")).isEqualTo(500_000_000L);
        nanos.addAndGet(250_000_000L);
        assertThat(limiter.acquire("a")).isEqualTo(250_000_000L);
        nanos.addAndGet(250_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(500_000_000L);
    }

    @Test
    void oneCallerOverItsLimitDoesNotTouchAnother() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("runaway");
        }

        assertThat(limiter.acquire("runaway")).isPositive();
        assertThat(limiter.acquire("quiet")).isZero();
    }

    @Test
    void anIdleCallerRefillsOnlyUpToItsBurst() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        nanos.addAndGet(60_000_000_000L);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).isPositive();
    }

    @Test
    void idleCallersAreDroppedWhenTooManyAreHeld() {
        for (int i = 0; i < RequestLimiter.MAX_CALLERS; i++) {
            limiter.acquire("client-" + i);
        }
        nanos.addAndGet(10_000_000_000L);

        // Every bucket is full again: the next new caller makes room, and a dropped one starts afresh.
        assertThat(limiter.acquire("newcomer")).isZero();
        assertThat(limiter.acquire("client-0")).isZero();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RequestLimiter(0, 1, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestLimiter(1, 0, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
