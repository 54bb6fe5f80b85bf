package dev.hexsnap.core.clock;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The clock every stage reads "now" from: the system's UTC clock, or, when
 * {@value #PROPERTY} (environment {@value #ENVIRONMENT}) names a moment, a clock that started
 * at that moment when the program started and runs on at real speed. Timeouts and elapsed
 * times keep working; only the calendar moves. It exists so that the whole test suite (and a
 * rehearsal of a night) can be run "as if it were" another day: a test whose outcome depends
 * on the date then fails on every day it would fail on, not only on the day it ran.
 */
public final class ShiftedClock {

    /** The Spring property naming the moment the clock starts at (ISO-8601 instant or offset date-time). */
    public static final String PROPERTY = "hexsnap.clock.start";
    /** The same setting as an environment variable (Spring's relaxed binding maps it too). */
    public static final String ENVIRONMENT = "HEXSNAP_CLOCK_START";

    private ShiftedClock() {
    }

    /**
     * The system UTC clock when {@code start} is null or blank, else a clock that reads
     * {@code start} now and advances in real time.
     *
     * @throws IllegalArgumentException when {@code start} is not an ISO-8601 instant
     *         ({@code 2028-02-29T16:00:00Z}) or offset date-time ({@code 2028-02-29T23:30:00+08:00})
     */
    public static Clock startingAt(String start) {
        Clock system = Clock.systemUTC();
        if (start == null || start.isBlank()) {
            return system;
        }
        return Clock.offset(system, Duration.between(system.instant(), parse(start.strip())));
    }

    /**
     * The clock as this process's settings say: the system property {@value #PROPERTY}, else the
     * environment variable {@value #ENVIRONMENT}. For code outside a Spring context (tests'
     * expectations, launchers); Spring programs get the same clock as a bean.
     */
    public static Clock fromSystem() {
        String start = System.getProperty(PROPERTY);
        return startingAt(start != null ? start : System.getenv(ENVIRONMENT));
    }

    private static Instant parse(String start) {
        try {
            return Instant.parse(start);
        } catch (DateTimeException notAnInstant) {
            try {
                return OffsetDateTime.parse(start).toInstant();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(PROPERTY + " must be an ISO-8601 instant such as 2028-02-29T16:00:00Z"
                        + " or 2028-02-29T23:30:00+08:00, not '" + start + "'");
            }
        }
    }
}
