package dev.hexsnap.client;

/**
 * What the service should show, after {@link FallbackClient#serve}.
 *
 * @param source           where the page comes from
 * @param json             the page to show for {@code UPSTREAM} and {@code SNAPSHOT}; null otherwise
 * @param upstreamAttempts how many times the upstream was asked (1, or 2 for store products)
 * @param fallback         the API's answer when it was asked; null when the upstream's page was used
 */
public record Outcome(Source source, byte[] json, int upstreamAttempts, FallbackResult fallback) {

    /** Where the page to show comes from. */
    public enum Source {
        /** The upstream's own answer. */
        UPSTREAM,
        /** A snapshot from the fallback API (store it with its ETag). */
        SNAPSHOT,
        /** The service's own local copy (the API answered 304, or could not answer and the copy is young). */
        LOCAL_COPY,
        /** Nothing: neither the upstream nor the fallback had a page (see {@code fallback}). */
        NOTHING
    }
}
