package dev.hexsnap.core.upstream;

/**
 * The upstream stayed down longer than the breaker's maximum pause: the run fails (and can
 * be restarted) rather than recording every remaining page as a failure.
 */
public class UpstreamDownException extends RuntimeException {

    public UpstreamDownException(String message) {
        super(message);
    }
}
