package dev.hexsnap.api.callers;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code rate} requests per second on average, up to {@code burst}
 * at once. A caller over its limit waits; the others do not notice it.
 *
 * <p>Thread-safe. Time comes from the given nanosecond ticker ({@link System#nanoTime} in
 * production), so tests can drive it. Idle callers' buckets are dropped when more than
 * {@value #MAX_CALLERS} are held (callers keyed by client address are unbounded otherwise).
 */
final class RequestLimiter {

    static final int MAX_CALLERS = 10_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double rate;
    private final double burst;
    private final LongSupplier ticker;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param rate   requests per second per caller, positive
     * @param burst  requests a caller may make at once, at least 1
     * @param ticker nanoseconds, monotonic
     */
    RequestLimiter(double rate, int burst, LongSupplier ticker) {
        if (!(rate > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.rate = rate;
        this.burst = burst;
        this.ticker = ticker;
    }

    /**
     * Takes one request from the caller's allowance.
     *
     * @return 0 when admitted, else the nanoseconds until the caller may ask again
     */
    long acquire(String caller) {
        long now = ticker.getAsLong();
        Bucket bucket = buckets.get(caller);
        if (bucket == null) {
            if (buckets.size() >= MAX_CALLERS) {
                buckets.values().removeIf(b -> b.fullAt(now));
            }
            bucket = buckets.computeIfAbsent(caller, c -> new Bucket(burst, now));
        }
        return bucket.take(now);
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / rate * NANOS_PER_SECOND);
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) * rate / NANOS_PER_SECOND);
                last = now;
            }
        }
    }
}
