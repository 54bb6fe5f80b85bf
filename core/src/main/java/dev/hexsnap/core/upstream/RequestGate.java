package dev.hexsnap.core.upstream;

/**
 * What every request to the page services passes before it starts: a permit, held while the
 * request is in flight. {@link RequestCeiling} is the one-process implementation; a ceiling
 * shared by several processes (the worker partitioned across hosts) implements the same two
 * methods, so that the client stack ({@link UpstreamClient}) stays as it is.
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

    /** The ceilings and what went through them so far. */
    RequestCeiling.Observed observed();

    /** A started request's place; closing it again has no effect. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
