package dev.hexsnap.core.upstream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops the worker from hammering an upstream that fails broadly. It watches the outcomes of
 * the last {@code window} requests; when the share of failures (errors, timeouts, empty or
 * malformed pages) reaches {@code failureRate}, it opens: every caller waits, and after
 * {@code pause} a single probe request goes out. A good answer closes it and everyone
 * resumes; a bad one keeps it open for another pause. Open for longer than {@code maxPause}
 * in all, and callers get an {@link UpstreamDownException}, which fails the run cleanly (it
 * can be restarted when the upstream is back) instead of recording every page as failed.
 *
 * <p>Thread-safe.
 */
public final class CircuitBreaker {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    enum State { CLOSED, OPEN, PROBING }

    private final int window;
    private final int minCalls;
    private final double failureRate;
    private final long pauseNanos;
    private final long maxPauseNanos;
    private final LongSupplier clock;
    private final Listener listener;

    private final boolean[] outcomes;
    private int recorded;
    private int failures;
    private int cursor;
    private State state = State.CLOSED;
    private long openedAt;
    private long probeAt;
    private long openings;

    /**
     * Told when the breaker pauses and resumes, e.g. to pause the other processes of a remote run
     * ({@link dev.hexsnap.core.upstream.RequestGate#pauseAll}). Called outside the breaker's lock.
     */
    public interface Listener {
        /** The breaker opened, or a probe failed: no request for {@code pause}, then a probe. */
        void paused(Duration pause);

        /** A probe succeeded: requests go out again. */
        void resumed();
    }

    private static final Listener NONE = new Listener() {
        @Override
        public void paused(Duration pause) {
        }

        @Override
        public void resumed() {
        }
    };

    public CircuitBreaker(int window, int minCalls, double failureRate, Duration pause, Duration maxPause) {
        this(window, minCalls, failureRate, pause, maxPause, NONE);
    }

    public CircuitBreaker(int window, int minCalls, double failureRate, Duration pause, Duration maxPause, Listener listener) {
        this(window, minCalls, failureRate, pause, maxPause, System::nanoTime, listener);
    }

    CircuitBreaker(int window, int minCalls, double failureRate, Duration pause, Duration maxPause, LongSupplier clock) {
        this(window, minCalls, failureRate, pause, maxPause, clock, NONE);
    }

    CircuitBreaker(int window, int minCalls, double failureRate, Duration pause, Duration maxPause, LongSupplier clock,
                   Listener listener) {
        this.listener = listener;
        this.window = window;
        this.minCalls = minCalls;
        this.failureRate = failureRate;
        this.pauseNanos = pause.toNanos();
        this.maxPauseNanos = maxPause.toNanos();
        this.clock = clock;
        this.outcomes = new boolean[window];
    }

    /**
     * Waits until a request may go out.
     *
     * @return true when this request is the probe of an open breaker: its outcome decides
     * @throws UpstreamDownException when the breaker has been open longer than the maximum pause
     */
    public boolean awaitPermission() throws InterruptedException {
        synchronized (this) {
            while (true) {
                if (state == State.CLOSED) {
                    return false;
                }
                long now = clock.getAsLong();
                if (now - openedAt >= maxPauseNanos) {
                    throw new UpstreamDownException("the upstream has been failing for more than "
                            + Duration.ofNanos(maxPauseNanos) + "; the run stops here: restart it when the upstream is back");
                }
                if (state == State.OPEN && now >= probeAt) {
                    state = State.PROBING;
                    return true;
                }
                long waitNanos = state == State.OPEN ? probeAt - now : pauseNanos;
                long millis = Math.max(1, Math.min(waitNanos / 1_000_000, 1_000));
                wait(millis);
            }
        }
    }

    /** Records a request's outcome; {@code probe} as returned by {@link #awaitPermission()}. */
    public void record(boolean failed, boolean probe) {
        State before;
        State after;
        synchronized (this) {
            before = state;
            recordLocked(failed, probe);
            after = state;
        }
        if (after == State.OPEN && (before != State.OPEN)) {
            listener.paused(Duration.ofNanos(pauseNanos));
        } else if (after == State.CLOSED && before != State.CLOSED) {
            listener.resumed();
        }
    }

    private void recordLocked(boolean failed, boolean probe) {
        long now = clock.getAsLong();
        if (probe) {
            if (failed) {
                state = State.OPEN;
                probeAt = now + pauseNanos;
                log.warn("upstream probe failed; pausing another {} ms", pauseNanos / 1_000_000);
            } else {
                log.info("upstream answered the probe; resuming after {} s paused", (now - openedAt) / 1_000_000_000);
                close();
            }
            notifyAll();
            return;
        }
        if (state != State.CLOSED) {
            return; // a request that went out before the breaker opened
        }
        if (recorded == window) {
            if (outcomes[cursor]) {
                failures--;
            }
        } else {
            recorded++;
        }
        outcomes[cursor] = failed;
        if (failed) {
            failures++;
        }
        cursor = (cursor + 1) % window;
        if (recorded >= minCalls && failures >= failureRate * recorded) {
            state = State.OPEN;
            openedAt = now;
            probeAt = now + pauseNanos;
            openings++;
            log.warn("upstream failing broadly ({} of the last {} requests failed): pausing {} ms, then probing",
                    failures, recorded, pauseNanos / 1_000_000);
        }
    }

    private void close() {
        state = State.CLOSED;
        recorded = 0;
        failures = 0;
        cursor = 0;
        java.util.Arrays.fill(outcomes, false);
    }

    synchronized State state() {
        return state;
    }

    /** How many times the breaker opened since start. */
    public synchronized long openings() {
        return openings;
    }

    public synchronized boolean isOpen() {
        return state != State.CLOSED;
    }
}
