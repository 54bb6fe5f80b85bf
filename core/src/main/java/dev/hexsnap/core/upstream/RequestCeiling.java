package dev.hexsnap.core.upstream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two ceilings that protect a page upstream from hexsnap, shared by every thread that asks
 * it: at most {@code maxPerSecond} requests started in <em>any</em> one-second window (a sliding
 * window, not calendar seconds), and at most {@code maxConcurrent} requests in flight. The
 * snapshot-worker's crawl and the diff-checker's probes both pass one, so "the upstream gets at
 * most R requests per second" means the same thing everywhere.
 *
 * <p>The rate ceiling is a sliding log rather than a token bucket: a bucket of capacity R
 * refilled at R/s lets 2R requests through a one-second window that straddles a full bucket and
 * its refill. Here permit {@code n} is granted no earlier than {@link #WINDOW} after permit
 * {@code n - R}, so no window holds more than R starts. The window is a few milliseconds longer
 * than a second so that network jitter cannot squeeze R+1 arrivals into one second at the
 * upstream's side. After an idle moment up to {@code min(R, maxConcurrent)} requests may start
 * together; the concurrency ceiling, not pacing, bounds that burst.
 *
 * <p>It measures itself ({@link #observed()}): requests started, the busiest one-second window,
 * the most requests in flight and the mean rate, so a run can show that the ceilings held.
 *
 * <p>Thread-safe; callers may be platform or virtual threads. Waiting callers are served in
 * arrival order (fair lock and fair semaphore). Memory: one {@code long} per unit of
 * {@code maxPerSecond}.
 *
 * <pre>
 * RequestCeiling ceiling = new RequestCeiling(200, 16);
 * try (RequestCeiling.Permit permit = ceiling.acquire()) {
 *     // send the request and read its answer
 * }
 * </pre>
 */
public final class RequestCeiling implements RequestGate {

    /** Default ceiling on request starts in any one-second window. */
    public static final int DEFAULT_MAX_PER_SECOND = 100;
    /** Default ceiling on requests in flight. */
    public static final int DEFAULT_MAX_CONCURRENT = 16;
    /** Largest accepted {@code maxPerSecond} (the sliding log keeps one timestamp per unit). */
    public static final int LIMIT_PER_SECOND = 1_000_000;
    /** Largest accepted {@code maxConcurrent}. */
    public static final int LIMIT_CONCURRENT = 100_000;
    /** The window the rate is enforced over: one second plus a guard against arrival jitter. */
    public static final Duration WINDOW = Duration.ofMillis(1_005);

    private static final long WINDOW_NANOS = WINDOW.toNanos();
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int maxPerSecond;
    private final int maxConcurrent;
    private final Semaphore inFlight;
    private final ReentrantLock rateLock = new ReentrantLock(true);
    // Guarded by rateLock: the grant times of the last maxPerSecond permits (a ring), and the measurements.
    private final long[] grants;
    private int next;
    private long granted;
    private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
    private int busiestSecond;
    private long firstGrant;
    private long latestGrant;

    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger peakConcurrent = new AtomicInteger();

    /**
     * @param maxPerSecond  most requests started in any one-second window, within [1, {@value #LIMIT_PER_SECOND}]
     * @param maxConcurrent most requests in flight at once, within [1, {@value #LIMIT_CONCURRENT}]
     * @throws IllegalArgumentException when a ceiling is out of range
     */
    public RequestCeiling(int maxPerSecond, int maxConcurrent) {
        if (maxPerSecond < 1 || maxPerSecond > LIMIT_PER_SECOND) {
            throw new IllegalArgumentException("requests per second must be within [1, " + LIMIT_PER_SECOND + "], got " + maxPerSecond);
        }
        if (maxConcurrent < 1 || maxConcurrent > LIMIT_CONCURRENT) {
            throw new IllegalArgumentException("concurrent requests must be within [1, " + LIMIT_CONCURRENT + "], got " + maxConcurrent);
        }
        this.maxPerSecond = maxPerSecond;
        this.maxConcurrent = maxConcurrent;
        this.inFlight = new Semaphore(maxConcurrent, true);
        this.grants = new long[maxPerSecond];
    }

    /** A ceiling of {@value #DEFAULT_MAX_PER_SECOND} requests per second and {@value #DEFAULT_MAX_CONCURRENT} in flight. */
    public static RequestCeiling withDefaults() {
        return new RequestCeiling(DEFAULT_MAX_PER_SECOND, DEFAULT_MAX_CONCURRENT);
    }

    /**
     * Waits until a request may start under both ceilings. The caller must {@link Permit#close()
     * close} the permit when the request has finished (answer read, failed or abandoned); a retry
     * is a new request and acquires again.
     *
     * @throws InterruptedException when interrupted while waiting; nothing is held then
     */
    @Override
    public Permit acquire() throws InterruptedException {
        // The concurrency slot first: granting a start and then waiting for a slot would let granted
        // starts pile up behind the semaphore and leave it together, later than they were counted.
        inFlight.acquire();
        try {
            awaitRate();
        } catch (InterruptedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
        peakConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        return new Permit();
    }

    private void awaitRate() throws InterruptedException {
        rateLock.lockInterruptibly();
        try {
            long now = System.nanoTime();
            if (granted >= maxPerSecond) {
                long earliest = grants[next] + WINDOW_NANOS;
                while (now < earliest) {
                    LockSupport.parkNanos(earliest - now);
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted while waiting for the request-rate ceiling");
                    }
                    now = System.nanoTime();
                }
            }
            grants[next] = now;
            next = (next + 1) % grants.length;
            if (granted == 0) {
                firstGrant = now;
            }
            latestGrant = now;
            granted++;
            lastSecond.addLast(now);
            while (now - lastSecond.peekFirst() >= SECOND_NANOS) {
                lastSecond.removeFirst();
            }
            busiestSecond = Math.max(busiestSecond, lastSecond.size());
        } finally {
            rateLock.unlock();
        }
    }

    @Override
    public int maxPerSecond() {
        return maxPerSecond;
    }

    @Override
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** Requests started since this ceiling was created (retries included: each is a request). */
    public long granted() {
        rateLock.lock();
        try {
            return granted;
        } finally {
            rateLock.unlock();
        }
    }

    /** The most requests started within any one-second window so far (measured, not configured). */
    public int busiestSecond() {
        rateLock.lock();
        try {
            return busiestSecond;
        } finally {
            rateLock.unlock();
        }
    }

    /** The most requests that were in flight at once so far. */
    public int peakConcurrent() {
        return peakConcurrent.get();
    }

    /** Requests in flight now. */
    public int inFlight() {
        return concurrent.get();
    }

    /** The ceilings and what went through them so far, as one consistent reading. */
    @Override
    public Observed observed() {
        rateLock.lock();
        try {
            double spanSeconds = granted < 2 ? 0 : (latestGrant - firstGrant) / 1e9;
            return new Observed(maxPerSecond, maxConcurrent, granted, peakConcurrent.get(), busiestSecond,
                    spanSeconds <= 0 ? 0 : (granted - 1) / spanSeconds);
        } finally {
            rateLock.unlock();
        }
    }

    /** A started request's place under the concurrency ceiling; closing it again has no effect. */
    public final class Permit implements RequestGate.Permit {

        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit() {
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                concurrent.decrementAndGet();
                inFlight.release();
            }
        }
    }

    /**
     * The ceilings and what went through them. Component names are part of the diff report's JSON.
     *
     * @param requestsPerSecond configured ceiling on starts in any one-second window
     * @param maxConcurrent     configured ceiling on requests in flight
     * @param requests          requests started (retries included)
     * @param peakInFlight      most requests in flight at once
     * @param peakPerSecond     most starts within any sliding one-second window
     * @param meanRate          mean starts per second between the first and the latest start (0 before two)
     */
    public record Observed(int requestsPerSecond, int maxConcurrent, long requests, int peakInFlight, int peakPerSecond,
                           double meanRate) {

        /** Whether neither ceiling was exceeded. */
        public boolean held() {
            return peakInFlight <= maxConcurrent && peakPerSecond <= requestsPerSecond;
        }
    }
}
