package dev.hexsnap.client;

/**
 * What the fallback API answered, as a value: the client never throws for a network or server
 * problem.
 */
public sealed interface FallbackResult {

    /** 200: the snapshot page (uncompressed JSON); store it with {@code info().etag()} and the time. */
    record Snapshot(byte[] json, SnapshotInfo info) implements FallbackResult {
    }

    /** 304: the service's own copy is fresh enough or identical; show it. */
    record UseLocalCopy(SnapshotInfo info) implements FallbackResult {
    }

    /**
     * No snapshot to show.
     *
     * @param why     the class of problem
     * @param status  the HTTP status, or 0 when there was no HTTP answer (timeout, connection refused)
     * @param reason  the API's machine-readable reason (e.g. {@code no-snapshot}, {@code switch-off},
     *                {@code redis-unavailable}, {@code timeout}); never null
     * @param message for logs
     */
    record NotServed(Why why, int status, String reason, String message) implements FallbackResult {
    }

    /** Why a request got no snapshot. */
    enum Why {
        /** 404: nothing backed up for this page (unknown store, remote place). */
        NOT_FOUND,
        /** 409: the fallback is switched off or not rolled out to this request; do not use a snapshot. */
        DISABLED,
        /** 400: the request was malformed (a bug in the caller). */
        REJECTED,
        /** 503, a timeout, a refused connection, or any other failure: try again later. */
        UNAVAILABLE
    }
}
