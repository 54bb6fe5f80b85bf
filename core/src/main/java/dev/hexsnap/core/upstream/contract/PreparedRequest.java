package dev.hexsnap.core.upstream.contract;

import java.net.URI;
import java.util.List;

/**
 * One page request as the contract builds it, ready to send.
 *
 * @param method      {@code GET} or {@code POST}
 * @param uri         the full URI, query included
 * @param headers     name and value pairs (the contract's, then the page kind's)
 * @param body        the body for a POST, else null
 * @param contentType the body's media type, else null
 * @param display     the request as logs and failure records may show it: values from the environment as {@code ***}
 */
public record PreparedRequest(String method, URI uri, List<Header> headers, byte[] body, String contentType, String display) {

    public PreparedRequest {
        headers = List.copyOf(headers);
    }

    public record Header(String name, String value) {
    }

    @Override
    public String toString() {
        return display;
    }
}
