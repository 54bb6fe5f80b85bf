package dev.hexsnap.upstream.web;

import dev.hexsnap.upstream.config.BearerToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@code /ops/**}: {@code Authorization: Bearer <token>}. No credentials: 401 with a
 * {@code WWW-Authenticate} challenge; wrong ones: 403. Both with a JSON body.
 */
final class OpsAuthInterceptor implements HandlerInterceptor {

    private static final String PREFIX = "Bearer ";

    private final BearerToken token;
    private final JsonResponses json;

    OpsAuthInterceptor(BearerToken token, JsonResponses json) {
        this.token = token;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"hexsnap-upstream-ops\"");
            json.error(response, new ApiError(401, "unauthorized", "Authorization",
                    "operator endpoints need 'Authorization: Bearer <token>' (hexsnap.upstream.ops-token)"));
            return false;
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || !token.matches(header.substring(PREFIX.length()).trim())) {
            json.error(response, new ApiError(403, "forbidden", "Authorization", "wrong operator token"));
            return false;
        }
        return true;
    }
}
