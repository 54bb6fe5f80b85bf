package dev.hexsnap.api.ops;

import dev.hexsnap.api.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets through only requests carrying {@code Authorization: Bearer <hexsnap.api.ops-token>}.
 * Both sides are hashed before {@link MessageDigest#isEqual}, so the comparison takes the same
 * time whatever the length or the first differing byte of a guess.
 */
public final class OpsToken implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;

    public OpsToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("an ops token is required");
        }
        this.expectedDigest = digest(token);
    }

    /** Whether {@code authorization} (the header's value) carries the token. */
    public boolean accepts(String authorization) {
        String given = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : "";
        // Compare even when the header is missing, so its absence costs the same time.
        return MessageDigest.isEqual(digest(given), expectedDigest) && !given.isEmpty();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!accepts(request.getHeader("Authorization"))) {
            throw ApiException.unauthorized("the ops endpoints need 'Authorization: Bearer <token>' with the configured token");
        }
        return true;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
