package dev.hexsnap.core.redis;

/**
 * Redis could not be reached or did not answer in time. Callers on a serving path map it
 * to "service unavailable"; batch callers retry or fail the step.
 */
public class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
