package dev.hexsnap.core.upstream;

import java.time.Duration;

/**
 * What a client of a page upstream needs of the ceilings that protect it: a permit per request,
 * and what the ceilings are and did. Two kinds: {@link RequestCeiling} holds them within one process;
 * {@link SharedRequestCeiling} holds them across every process that shares a Redis deployment (the
 * workers of a remote run).
 *
 * <p>Implementations are thread-safe.
 */
public interface UpstreamCeiling {

    /**
     * Waits until a request may start under the ceilings. Close the permit when the request has
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

    /** A started request's place under the ceilings; closing it again has no effect. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
