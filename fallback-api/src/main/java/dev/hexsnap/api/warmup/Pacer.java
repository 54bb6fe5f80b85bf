package dev.hexsnap.api.warmup;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps the average rate of a piece of work at or under a number of bytes per second: after each
 * batch it sleeps until the bytes paid so far are due. Not thread-safe: one per warm-up pass.
 */
final class Pacer {

    /** Sleeps; injected so that a test can count the pauses instead of waiting them out. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final long startedAt;
    private long paid;

    Pacer(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.startedAt = nanoTime.getAsLong();
    }

    /** Records {@code bytes} of work done, and waits until they are due at the rate. */
    void paid(long bytes) throws InterruptedException {
        paid += bytes;
        long dueAt = startedAt + (long) (paid * 1e9 / bytesPerSecond);
        long wait = dueAt - nanoTime.getAsLong();
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
