package dev.hexsnap.core.upstream.contract;

/**
 * An answer that is no page to store: the reason says which rule of the contract it broke.
 * Cheap (no stack trace): rejections are routine with a failing upstream.
 */
public final class PageRejectedException extends RuntimeException {

    /** Which rule an answer broke. */
    public enum Reason {
        /** Not one JSON value, or over {@code max-page-bytes}. */
        NOT_JSON,
        /** The envelope's code is not an ok one: the service said it failed. */
        ENVELOPE,
        /** Another page than the one asked for, or a value the contract needs is missing or unreadable. */
        MALFORMED,
        /** Shows nothing where something is due: the symptom of a failing upstream. */
        EMPTY
    }

    private final Reason reason;

    public PageRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
