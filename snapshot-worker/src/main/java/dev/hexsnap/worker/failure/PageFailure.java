package dev.hexsnap.worker.failure;

/**
 * A page that could not be stored after every retry.
 *
 * @param page     which page of the target, e.g. {@code home}, {@code channel:fresh}, {@code products:c12:2}
 * @param error    why, one line
 * @param attempts requests made for it
 */
public record PageFailure(String page, String error, int attempts) {
}
