package dev.hexsnap.upstream.web;

import dev.hexsnap.upstream.config.BearerToken;
import dev.hexsnap.upstream.pages.GatewayPageJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.UUID;

/**
 * Guards the gateway API ({@code /gw/**}): {@code Authorization: Bearer <token>}. Missing or
 * wrong: HTTP 401 with a {@code WWW-Authenticate} challenge and the gateway's envelope (code
 * 40100), as RFC 6750 answers an invalid token. The one gateway failure that is not HTTP 200:
 * gateways reject unauthenticated calls before any back-end sees them.
 */
final class GatewayAuthInterceptor implements HandlerInterceptor {

    static final int UNAUTHORIZED = 40100;
    private static final String PREFIX = "Bearer ";

    private final BearerToken token;
    private final JsonResponses json;
    private final GatewayPageJson gateway = new GatewayPageJson();

    GatewayAuthInterceptor(BearerToken token, JsonResponses json) {
        this.token = token;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        String header = request.getHeader("Authorization");
        boolean bearer = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        if (bearer && token.matches(header.substring(PREFIX.length()).trim())) {
            return true;
        }
        response.setHeader("WWW-Authenticate", bearer
                ? "Bearer realm=\"hexsnap-gateway\", error=\"invalid_token\""
                : "Bearer realm=\"hexsnap-gateway\"");
        String message = bearer ? "invalid token" : "missing token: send 'Authorization: Bearer <token>' (hexsnap.upstream.gateway-token)";
        GatewayPageJson.Stamp stamp = new GatewayPageJson.Stamp(UUID.randomUUID().toString().replace("-", ""), System.currentTimeMillis());
        json.write(response, 401, out -> gateway.failure(UNAUTHORIZED, message, stamp, out));
        return false;
    }
}
