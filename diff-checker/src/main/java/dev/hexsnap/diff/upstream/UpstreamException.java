package dev.hexsnap.diff.upstream;

/**
 * The upstream did not answer with a usable page (I/O error, timeout, error status, malformed
 * body), after the configured retries. The diff leaves such a point out of its scores and
 * counts it: an unreachable upstream says nothing about the snapshot.
 */
public class UpstreamException extends RuntimeException {

    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
