package dev.hexsnap.core.page;

/**
 * An upstream answer that is not a page of the expected kind: unparsable, or missing what
 * identifies it. Never backed up.
 */
public class MalformedPageException extends RuntimeException {

    public MalformedPageException(String message) {
        super(message);
    }

    public MalformedPageException(String message, Throwable cause) {
        super(message, cause);
    }
}
