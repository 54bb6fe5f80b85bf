package dev.hexsnap.core.snapshot;

/**
 * A stored entry whose bytes do not check out (bad framing, checksum mismatch, bad gzip).
 * Readers count it and treat the entry as missing; it is never served.
 */
public class CorruptEntryException extends RuntimeException {

    public CorruptEntryException(String message) {
        super(message);
    }

    public CorruptEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
