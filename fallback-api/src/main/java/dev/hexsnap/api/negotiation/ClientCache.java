package dev.hexsnap.api.negotiation;

import dev.hexsnap.api.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the client says about its own copy of the page, parsed and checked.
 *
 * <ul>
 *   <li>{@value #STATE_HEADER}: {@code present} or {@code absent};</li>
 *   <li>{@value #CACHED_AT_HEADER}: when it stored its copy, epoch milliseconds or RFC 3339
 *       (implies {@code present});</li>
 *   <li>{@code If-None-Match}: the ETag(s) it holds;</li>
 *   <li>{@code If-Modified-Since}: HTTP's own date condition (ignored when invalid, as RFC 9110
 *       asks, and when {@code If-None-Match} is there).</li>
 * </ul>
 * Anything else malformed in the explicit headers, or contradictory ({@code absent} with a
 * cached-at time or an ETag), is a 400 naming the header.
 *
 * @param state           what {@value #STATE_HEADER} said (or implied)
 * @param cachedAt        when the client stored its copy; null when not said
 * @param entityTags      the opaque tags of {@code If-None-Match}, without quotes or {@code W/}; empty when absent
 * @param anyTag          whether {@code If-None-Match} was {@code *}
 * @param ifModifiedSince HTTP's date condition; null when absent, invalid or overridden by {@code If-None-Match}
 */
public record ClientCache(State state, Instant cachedAt, List<String> entityTags, boolean anyTag, Instant ifModifiedSince) {

    public static final String STATE_HEADER = "X-Client-Cache";
    public static final String CACHED_AT_HEADER = "X-Client-Cached-At";

    /** Epoch milliseconds below this are most likely seconds sent by mistake (1973-03-03). */
    private static final long SMALLEST_EPOCH_MILLIS = 100_000_000_000L;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,15}");
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"([\\x21\\x23-\\x7e]{0,128})\"");
    private static final int MAX_IF_NONE_MATCH = 2048;

    /** Whether the client holds a copy. */
    public enum State { PRESENT, ABSENT, UNSPECIFIED }

    /** A client that said nothing about its cache. */
    public static final ClientCache NONE = new ClientCache(State.UNSPECIFIED, null, List.of(), false, null);

    public ClientCache {
        entityTags = List.copyOf(entityTags);
    }

    /**
     * Reads the cache headers of a request.
     *
     * @param now       the server's clock
     * @param clockSkew how far in the future a cached-at time may be before it is refused
     * @throws ApiException 400 naming the header when one is malformed or they contradict each other
     */
    public static ClientCache of(HttpServletRequest request, Instant now, Duration clockSkew) {
        String stateValue = single(request, STATE_HEADER);
        String cachedAtValue = single(request, CACHED_AT_HEADER);
        String ifNoneMatch = joined(request, "If-None-Match");
        String ifModifiedSince = single(request, "If-Modified-Since");
        if (stateValue == null && cachedAtValue == null && ifNoneMatch == null && ifModifiedSince == null) {
            return NONE;
        }
        State state = state(stateValue);
        Instant cachedAt = cachedAtValue == null ? null : cachedAt(cachedAtValue, now, clockSkew);
        if (cachedAt != null && state == State.ABSENT) {
            throw ApiException.badParameter(CACHED_AT_HEADER, CACHED_AT_HEADER + " contradicts " + STATE_HEADER + ": absent");
        }
        if (cachedAt != null) {
            state = State.PRESENT;
        }
        List<String> tags = List.of();
        boolean any = false;
        if (ifNoneMatch != null) {
            if (state == State.ABSENT) {
                throw ApiException.badParameter("If-None-Match", "If-None-Match contradicts " + STATE_HEADER + ": absent");
            }
            if (ifNoneMatch.strip().equals("*")) {
                any = true;
            } else {
                tags = entityTags(ifNoneMatch);
            }
        }
        if (ifModifiedSince != null && state == State.ABSENT) {
            throw ApiException.badParameter("If-Modified-Since", "If-Modified-Since contradicts " + STATE_HEADER + ": absent");
        }
        Instant modifiedSince = ifNoneMatch == null && ifModifiedSince != null ? httpDate(ifModifiedSince) : null;
        return new ClientCache(state, cachedAt, tags, any, modifiedSince);
    }

    private static State state(String value) {
        if (value == null) {
            return State.UNSPECIFIED;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "present" -> State.PRESENT;
            case "absent" -> State.ABSENT;
            default -> throw ApiException.badParameter(STATE_HEADER, STATE_HEADER + " must be present or absent, got '"
                    + printable(value) + "'");
        };
    }

    static Instant cachedAt(String value, Instant now, Duration clockSkew) {
        String v = value.strip();
        Instant instant;
        if (DIGITS.matcher(v).matches()) {
            long millis = Long.parseLong(v);
            if (millis < SMALLEST_EPOCH_MILLIS) {
                throw ApiException.badParameter(CACHED_AT_HEADER, CACHED_AT_HEADER
                        + " must be epoch milliseconds (this looks like seconds) or RFC 3339, got '" + printable(v) + "'");
            }
            instant = Instant.ofEpochMilli(millis);
        } else {
            try {
                instant = OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badParameter(CACHED_AT_HEADER, CACHED_AT_HEADER
                        + " must be epoch milliseconds or RFC 3339 (e.g. 2026-11-23T08:00:00Z), got '" + printable(v) + "'");
            }
        }
        if (instant.isAfter(now.plus(clockSkew))) {
            throw ApiException.badParameter(CACHED_AT_HEADER, CACHED_AT_HEADER + " lies in the future: " + instant);
        }
        if (instant.toEpochMilli() < SMALLEST_EPOCH_MILLIS) {
            throw ApiException.badParameter(CACHED_AT_HEADER, CACHED_AT_HEADER + " is implausibly old: " + instant);
        }
        return instant;
    }

    static List<String> entityTags(String value) {
        if (value.length() > MAX_IF_NONE_MATCH) {
            throw ApiException.badParameter("If-None-Match", "If-None-Match is longer than " + MAX_IF_NONE_MATCH + " characters");
        }
        List<String> tags = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String tag = part.strip();
            var matcher = ENTITY_TAG.matcher(tag);
            if (!matcher.matches()) {
                throw ApiException.badParameter("If-None-Match",
                        "If-None-Match must be * or a list of quoted entity tags (e.g. \"3f2a...\"), got '" + printable(tag) + "'");
            }
            tags.add(matcher.group(2));
        }
        return tags;
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String single(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (values.hasMoreElements()) {
            throw ApiException.badParameter(name, name + " is given more than once");
        }
        return first;
    }

    private static String joined(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        StringBuilder all = new StringBuilder(values.nextElement());
        while (values.hasMoreElements()) {
            all.append(',').append(values.nextElement());
        }
        return all.toString();
    }

    /** The value cut short and stripped of control characters, safe to echo in a message. */
    static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
