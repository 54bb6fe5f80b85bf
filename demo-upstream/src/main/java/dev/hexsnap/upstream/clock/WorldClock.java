package dev.hexsnap.upstream.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The demo world's clock: real time, or an instant an operator or a test set ("drift" drills:
 * make the world a day older and watch stock and statuses move). Pages computed without an
 * explicit {@code at} read it. Thread-safe.
 */
public final class WorldClock {

    private final Clock real;
    private volatile Instant fixed;

    public WorldClock(Clock real) {
        this.real = real;
    }

    /** The world's current instant. */
    public Instant now() {
        Instant instant = fixed;
        return instant != null ? instant : real.instant();
    }

    /** Stops the world clock at {@code instant} until {@link #reset()} or another set. */
    public void set(Instant instant) {
        if (instant == null) {
            throw new IllegalArgumentException("instant is required");
        }
        this.fixed = instant;
    }

    /** Moves the world clock by {@code amount} from where it is now (and keeps it there). */
    public synchronized void advance(Duration amount) {
        set(now().plus(amount));
    }

    /** Back to real time. */
    public void reset() {
        this.fixed = null;
    }

    /** The instant the clock was set to, empty when it follows real time. */
    public Optional<Instant> fixedAt() {
        return Optional.ofNullable(fixed);
    }
}
