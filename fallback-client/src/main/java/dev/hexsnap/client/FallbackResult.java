package dev.hexsnap.client;

/**
 * What the fallback API answered, as a value: the client never throws for a network or server
 * problem.
 */
public sealed interface FallbackResult {

    /** 200: the snapshot page (uncompressed JSON); store it with {@code info().etag()} and the time. */
    record Snapshot(byte[] json, SnapshotInfo info) implements FallbackResult {
    }

    /**
     * Show the service's own copy: the API answered 304 (the copy is young enough or identical),
     * or the API could not answer (unreachable, timed out, 503) and the copy is younger than the
     * client's {@code localCopyMaxAge}.
     *
     * @param info       what the API said about the snapshot; all unknown ({@link SnapshotInfo#NONE})
     *                   when the API did not answer
     * @param reason     the API's {@code X-Client-Cache-Reason} ({@code fresh-copy}, {@code etag-match},
     *                   {@code not-modified-since}), or {@code young-local-copy} when decided here
     * @param apiProblem why the API did not answer, when the client decided by itself; null after a 304
     */
    record UseLocalCopy(SnapshotInfo info, String reason, NotServed apiProblem) implements FallbackResult {
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
        /** 400, 401: the request was malformed or carried no known caller token (a bug in the caller). */
        REJECTED,
        /** 503, 429 (over this caller's limit), a timeout, a refused connection, or any other failure: try again later. */
        UNAVAILABLE
    }
}
