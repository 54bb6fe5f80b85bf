package dev.hexsnap.client;

import java.util.Objects;

/**
 * What the service's live upstream returned for a page: a JSON body, or a failure (error status,
 * timeout, exception).
 *
 * @param json    the body when the upstream answered; null when it failed
 * @param failure why it failed; null when it answered
 */
public record UpstreamAnswer(byte[] json, String failure) {

    public static UpstreamAnswer ok(byte[] json) {
        return new UpstreamAnswer(Objects.requireNonNull(json, "json"), null);
    }

    public static UpstreamAnswer failed(String why) {
        return new UpstreamAnswer(null, why == null ? "failed" : why);
    }

    public boolean answered() {
        return json != null;
    }
}
