package dev.hexsnap.core.upstream;

import java.time.Duration;

/**
 * What every request to the page services passes before it starts: a permit, held while the
 * request is in flight. Two kinds: {@link RequestCeiling} holds the ceilings within one process;
 * {@link SharedRequestCeiling} holds them across every process that shares a Redis deployment
 * (the manager and workers of a remote run), so the client stack ({@link UpstreamClient}) is the
 * same for both.
 *
 * <p>Implementations are thread-safe.
 */
public interface RequestGate {

    /**
     * Waits until a request may start. The caller closes the permit when the request has
     * finished (answer read, failed or abandoned); a retry is a new request and acquires again.
     *
     * @throws InterruptedException when interrupted while waiting; nothing is held then
     */
    Permit acquire() throws InterruptedException;

    /** The configured ceiling on request starts in any one-second window. */
    int maxPerSecond();

    /** The configured ceiling on requests in flight. */
    int maxConcurrent();

    /** The ceilings and what went through them so far. */
    RequestCeiling.Observed observed();

    /**
     * The upstream is failing: hold back every request for {@code pause} (every process, where the
     * ceiling is shared). The default holds nothing: a process's own circuit breaker already waits.
     */
    default void pauseAll(Duration pause) {
    }

    /** The upstream answered again: lift a {@link #pauseAll pause} early. */
    default void resumeAll() {
    }

    /** A started request's place; closing it again has no effect. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
