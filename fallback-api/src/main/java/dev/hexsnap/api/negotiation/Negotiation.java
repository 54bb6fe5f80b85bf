package dev.hexsnap.api.negotiation;

import dev.hexsnap.core.snapshot.EntryMetadata;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the client's copy will do. A pure function of what the client said, the entry
 * found and the clock, so every branch is testable without HTTP.
 *
 * <ol>
 *   <li>the client holds a copy stored less than {@code maxAge} ago: 304, {@code fresh-copy}
 *       (the page may have changed since, but a young copy is "good enough" in an outage and
 *       saves the transfer). This one needs no entry: {@link #youngCopy} decides it before
 *       anything is looked up, so it holds with Redis down, nothing published, a cold cell or a
 *       corrupt entry (the source design puts the client's own cache first);</li>
 *   <li>{@code If-None-Match} names the entry's ETag (or is {@code *}): 304, {@code etag-match};</li>
 *   <li>no {@code If-None-Match}, and {@code If-Modified-Since} is at or after the crawl time: 304,
 *       {@code not-modified-since};</li>
 *   <li>otherwise 200 with the snapshot, which the client then stores.</li>
 * </ol>
 */
public final class Negotiation {

    /**
     * The outcome.
     *
     * @param useLocalCopy whether to answer 304
     * @param reason       {@code etag-match}, {@code fresh-copy}, {@code not-modified-since}, or
     *                     {@code no-local-copy}, {@code stale-copy}, {@code etag-mismatch}, {@code modified} for a 200
     */
    public record Decision(boolean useLocalCopy, String reason) {
    }

    static final Decision ETAG_MATCH = new Decision(true, "etag-match");
    static final Decision FRESH_COPY = new Decision(true, "fresh-copy");
    static final Decision NOT_MODIFIED_SINCE = new Decision(true, "not-modified-since");
    static final Decision NO_LOCAL_COPY = new Decision(false, "no-local-copy");
    static final Decision STALE_COPY = new Decision(false, "stale-copy");
    static final Decision ETAG_MISMATCH = new Decision(false, "etag-mismatch");
    static final Decision MODIFIED = new Decision(false, "modified");

    private final Duration maxAge;

    /** @param maxAge a client copy younger than this is good enough */
    public Negotiation(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /**
     * Whether the client's copy is young enough to use whatever the store holds: asked before any
     * lookup. A copy exactly {@code maxAge} old is not.
     */
    public boolean youngCopy(ClientCache client, Instant now) {
        return client.state() == ClientCache.State.PRESENT && client.cachedAt() != null
                && Duration.between(client.cachedAt(), now).compareTo(maxAge) < 0;
    }

    public Decision decide(ClientCache client, EntryMetadata entry, Instant now) {
        if (youngCopy(client, now)) {
            return FRESH_COPY;
        }
        if (client.anyTag() || client.entityTags().contains(entry.etag())) {
            return ETAG_MATCH;
        }
        if (client.state() == ClientCache.State.PRESENT && client.cachedAt() != null) {
            return STALE_COPY;
        }
        if (!client.entityTags().isEmpty()) {
            return ETAG_MISMATCH;
        }
        if (client.ifModifiedSince() != null) {
            // HTTP dates have whole seconds; the crawl time has milliseconds.
            long crawled = entry.crawledAt().getEpochSecond();
            return crawled <= client.ifModifiedSince().getEpochSecond() ? NOT_MODIFIED_SINCE : MODIFIED;
        }
        return NO_LOCAL_COPY;
    }
}
