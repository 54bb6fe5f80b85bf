package dev.hexsnap.client;

import java.net.http.HttpHeaders;

/**
 * What the API said about the snapshot it served (or told the client to keep using).
 *
 * @param generation the snapshot generation
 * @param slot       {@code day} or {@code night}
 * @param fallback   {@code exact}, {@code neighbour}, {@code coarser} or {@code finer}
 * @param cell       the H3 cell served (hex); null for store pages
 * @param resolution its resolution; -1 for store pages
 * @param ageSeconds seconds since the page was crawled; -1 when not said
 * @param etag       the content hash, without quotes; store it with the page
 */
public record SnapshotInfo(String generation, String slot, String fallback, String cell, int resolution,
                           long ageSeconds, String etag) {

    /** Nothing known: the API did not answer. */
    public static final SnapshotInfo NONE = new SnapshotInfo(null, null, null, null, -1, -1, null);

    static SnapshotInfo of(HttpHeaders headers) {
        String etag = headers.firstValue("ETag").orElse(null);
        if (etag != null) {
            etag = etag.startsWith("W/") ? etag.substring(2) : etag;
            etag = etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
        }
        return new SnapshotInfo(
                headers.firstValue("X-Snapshot-Generation").orElse(null),
                headers.firstValue("X-Snapshot-Slot").orElse(null),
                headers.firstValue("X-Snapshot-Fallback").orElse(null),
                headers.firstValue("X-Snapshot-Cell").orElse(null),
                number(headers.firstValue("X-Snapshot-Resolution").orElse(null)),
                longNumber(headers.firstValue("X-Snapshot-Age").orElse(null)),
                etag);
    }

    private static int number(String value) {
        return (int) Math.min(Integer.MAX_VALUE, longNumber(value));
    }

    private static long longNumber(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
