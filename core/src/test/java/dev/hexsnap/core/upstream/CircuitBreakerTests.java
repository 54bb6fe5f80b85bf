package dev.hexsnap.core.upstream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerTests {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(10, 5, 0.5, Duration.ofSeconds(5), Duration.ofSeconds(60), now::get);

    @Test
    void staysClosedWhileFailuresStayUnderTheRate() throws Exception {
        for (int i = 0; i < 100; i++) {
            breaker.record(i % 3 == 0, false); // a third fail
        }
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.awaitPermission()).isFalse();
    }

    @Test
    void opensAtTheRateThenLetsOneProbeThroughAfterThePauseAndClosesWhenItSucceeds() throws Exception {
        // given half of the last calls failed
        for (int i = 0; i < 6; i++) {
            breaker.record(i % 2 == 0, false);
        }
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.openings()).isEqualTo(1);

        // when the pause is over, the next caller is the probe
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(breaker.awaitPermission()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.PROBING);

        // then a good answer closes it for everyone
        breaker.record(false, true);
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.awaitPermission()).isFalse();
    }

    @Test
    void aFailedProbeKeepsItOpenAndTooLongAPauseStopsTheRun() throws Exception {
        for (int i = 0; i < 5; i++) {
            breaker.record(true, false);
        }
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(breaker.awaitPermission()).isTrue();
        breaker.record(true, true);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThatThrownBy(breaker::awaitPermission).isInstanceOf(UpstreamDownException.class)
                .hasMessageContaining("restart it when the upstream is back");
    }
}
