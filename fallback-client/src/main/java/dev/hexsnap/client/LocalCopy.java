package dev.hexsnap.client;

import java.time.Instant;

/**
 * What the calling service already holds of a page (stored from an earlier 200).
 *
 * @param etag     the ETag the API sent with it, without quotes; null if unknown
 * @param cachedAt when the service stored it; null if unknown
 */
public record LocalCopy(String etag, Instant cachedAt) {

    /** No local copy: the API answers with the snapshot. */
    public static final LocalCopy NONE = new LocalCopy(null, null);

    public boolean isPresent() {
        return etag != null || cachedAt != null;
    }
}
