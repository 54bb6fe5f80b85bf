package dev.hexsnap.core.clock;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The clock every stage reads "now" from: the system's UTC clock, or, when
 * {@value #PROPERTY} (environment {@value #ENVIRONMENT}) names a moment, a clock that reads
 * that moment at the real instant {@value #ANCHOR_PROPERTY} (environment {@value #ANCHOR_ENVIRONMENT})
 * names, or when the program started if none is named, and runs on at real speed. Processes
 * given the same anchor agree to the millisecond however far apart they start: the launcher
 * sets it once for a test run (the test JVM, the APIs it starts and the workers it spawns). Timeouts and elapsed
 * times keep working; only the calendar moves. It exists so that the whole test suite (and a
 * rehearsal of a night) can be run "as if it were" another day: a test whose outcome depends
 * on the date then fails on every day it would fail on, not only on the day it ran.
 */
public final class ShiftedClock {

    /** The Spring property naming the moment the clock starts at (ISO-8601 instant or offset date-time). */
    public static final String PROPERTY = "hexsnap.clock.start";
    /** The same setting as an environment variable (Spring's relaxed binding maps it too). */
    public static final String ENVIRONMENT = "HEXSNAP_CLOCK_START";
    /** The Spring property naming the real instant at which the clock reads the start (default: when the clock is made). */
    public static final String ANCHOR_PROPERTY = "hexsnap.clock.anchor";
    /** The anchor as an environment variable. */
    public static final String ANCHOR_ENVIRONMENT = "HEXSNAP_CLOCK_ANCHOR";

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
        return startingAt(start, null);
    }

    /**
     * As {@link #startingAt(String)}, but the clock reads {@code start} at the real instant
     * {@code anchor} (same formats) rather than now, when an anchor is given.
     */
    public static Clock startingAt(String start, String anchor) {
        Clock system = Clock.systemUTC();
        if (start == null || start.isBlank()) {
            return system;
        }
        Instant realAnchor = anchor == null || anchor.isBlank() ? system.instant() : parse(anchor.strip(), ANCHOR_PROPERTY);
        return Clock.offset(system, Duration.between(realAnchor, parse(start.strip(), PROPERTY)));
    }

    /**
     * The clock as this process's settings say: the system property {@value #PROPERTY}, else the
     * environment variable {@value #ENVIRONMENT}. For code outside a Spring context (tests'
     * expectations, launchers); Spring programs get the same clock as a bean.
     */
    public static Clock fromSystem() {
        return startingAt(setting(PROPERTY, ENVIRONMENT), setting(ANCHOR_PROPERTY, ANCHOR_ENVIRONMENT));
    }

    private static String setting(String property, String environment) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(environment);
    }

    private static Instant parse(String moment, String setting) {
        try {
            return Instant.parse(moment);
        } catch (DateTimeException notAnInstant) {
            try {
                return OffsetDateTime.parse(moment).toInstant();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(setting + " must be an ISO-8601 instant such as 2028-02-29T16:00:00Z"
                        + " or 2028-02-29T23:30:00+08:00, not '" + moment + "'");
            }
        }
    }
}
