package dev.hexsnap.core.upstream;

/**
 * A page that could not be fetched as a usable page within the attempts allowed: recorded
 * as a failure of its cell or store, never stored.
 */
public class PageFetchException extends Exception {

    private final int attempts;

    public PageFetchException(String message, int attempts) {
        super(message, null, false, false);
        this.attempts = attempts;
    }

    /** Requests made for the page, first try included. */
    public int attempts() {
        return attempts;
    }
}
