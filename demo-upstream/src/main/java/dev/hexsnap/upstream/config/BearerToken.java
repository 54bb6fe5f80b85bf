package dev.hexsnap.upstream.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bearer token (the operator endpoints', the gateway API's). Compared in constant time over
 * SHA-256 digests, so neither the content nor the length of the token leaks through timing.
 */
public final class BearerToken {

    private final String value;
    private final byte[] digest;

    public BearerToken(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be blank");
        }
        this.value = value;
        this.digest = sha256(value);
    }

    /** The token itself (for the in-process launcher and tests). */
    public String value() {
        return value;
    }

    /** Whether {@code candidate} is the token. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}
