package dev.hexsnap.core.clock;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShiftedClockTests {

    @Test
    void noStartIsTheSystemClock() {
        assertThat(ShiftedClock.startingAt(null)).isEqualTo(Clock.systemUTC());
        assertThat(ShiftedClock.startingAt("  ")).isEqualTo(Clock.systemUTC());
    }

    @Test
    void aStartingMomentIsReadNowAndTheClockRunsOn() throws InterruptedException {
        Clock clock = ShiftedClock.startingAt("2028-02-29T16:00:00Z");

        Instant first = clock.instant();
        Thread.sleep(20);
        Instant later = clock.instant();

        assertThat(Duration.between(Instant.parse("2028-02-29T16:00:00Z"), first)).isBetween(Duration.ZERO, Duration.ofSeconds(5));
        assertThat(later).isAfter(first);
    }

    @Test
    void anOffsetDateTimeNamesTheSameMoment() {
        Instant start = ShiftedClock.startingAt("2028-03-01T00:00:00+08:00").instant();

        assertThat(Duration.between(Instant.parse("2028-02-29T16:00:00Z"), start)).isBetween(Duration.ZERO, Duration.ofSeconds(5));
    }

    @Test
    void clocksGivenTheSameAnchorAgreeHoweverFarApartTheyAreMade() throws InterruptedException {
        String anchor = Instant.now().minusSeconds(90).toString();
        Clock first = ShiftedClock.startingAt("2028-02-29T16:00:00Z", anchor);
        Thread.sleep(50);
        Clock second = ShiftedClock.startingAt("2028-02-29T16:00:00Z", anchor);

        // read together, they differ by no more than the gap between the two readings
        Instant a = first.instant();
        Instant b = second.instant();
        assertThat(Duration.between(a, b)).isBetween(Duration.ZERO, Duration.ofMillis(20));
        // and the start was read at the anchor, 90 s ago
        assertThat(Duration.between(Instant.parse("2028-02-29T16:01:30Z"), a)).isBetween(Duration.ZERO, Duration.ofSeconds(5));
    }

    @Test
    void anythingElseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ShiftedClock.startingAt("tomorrow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hexsnap.clock.start").hasMessageContaining("'tomorrow'");
        assertThatThrownBy(() -> ShiftedClock.startingAt("2028-02-29T16:00:00Z", "yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hexsnap.clock.anchor").hasMessageContaining("'yesterday'");
    }
}
