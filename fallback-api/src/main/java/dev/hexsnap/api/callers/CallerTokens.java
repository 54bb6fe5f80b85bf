package dev.hexsnap.api.callers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configured callers and their tokens, parsed from {@code name:token[,name:token...]}
 * ({@code hexsnap.api.callers.tokens}). Tokens are kept only as SHA-256 digests and looked up by
 * the digest of what a request presents, so a lookup takes the same time whatever the guess.
 *
 * <p>Immutable, thread-safe.
 */
final class CallerTokens {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{" + MIN_TOKEN_LENGTH + ",256}");
    private static final String BEARER = "Bearer ";

    private final Map<String, String> callerByDigest;

    private CallerTokens(Map<String, String> callerByDigest) {
        this.callerByDigest = Map.copyOf(callerByDigest);
    }

    /**
     * @param spec {@code name:token} pairs separated by commas; blank means no callers
     * @throws IllegalArgumentException naming the setting and what is wrong (never echoing a token)
     */
    static CallerTokens parse(String spec) {
        Map<String, String> byDigest = new HashMap<>();
        Set<String> names = new TreeSet<>();
        if (spec == null || spec.isBlank()) {
            return new CallerTokens(byDigest);
        }
        for (String pair : spec.split(",")) {
            String p = pair.strip();
            int colon = p.indexOf(':');
            String name = colon < 0 ? p : p.substring(0, colon);
            if (colon < 0 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("hexsnap.api.callers.tokens must be name:token pairs separated by commas, "
                        + "names of 1-40 of a-z, 0-9 and '-'; got an entry named '" + printable(name) + "'");
            }
            String token = p.substring(colon + 1);
            if (!TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException("hexsnap.api.callers.tokens: the token of caller " + name + " must be "
                        + MIN_TOKEN_LENGTH + "-256 printable ASCII characters without spaces or commas");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("hexsnap.api.callers.tokens names caller " + name + " twice");
            }
            if (byDigest.put(digest(token), name) != null) {
                throw new IllegalArgumentException("hexsnap.api.callers.tokens gives two callers the same token");
            }
        }
        return new CallerTokens(byDigest);
    }

    boolean isEmpty() {
        return callerByDigest.isEmpty();
    }

    /** The caller whose token the {@code Authorization} header carries, or null. */
    String callerOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return callerByDigest.get(digest(authorization.substring(BEARER.length()).strip()));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
