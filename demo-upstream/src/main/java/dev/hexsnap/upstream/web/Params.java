package dev.hexsnap.upstream.web;

import dev.hexsnap.core.page.Channel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Strict parsing of request parameters, each failure naming the parameter. Stricter than
 * {@code Double.parseDouble}, which accepts "NaN", "Infinity", "1e400" and "0x1p3".
 */
final class Params {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,9}(\\.\\d{0,15})?|\\.\\d{1,15})");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private Params() {
    }

    static double latitude(String raw) {
        return latitude("lat", raw);
    }

    static double longitude(String raw) {
        return longitude("lng", raw);
    }

    static double latitude(String name, String raw) {
        return coordinate(name, raw, 90);
    }

    static double longitude(String name, String raw) {
        return coordinate(name, raw, 180);
    }

    private static double coordinate(String name, String raw, double limit) {
        if (raw == null || raw.isBlank()) {
            throw RequestRejectedException.badParameter(name, name + " is required (decimal degrees)");
        }
        String value = raw.trim();
        if (!DECIMAL.matcher(value).matches()) {
            throw RequestRejectedException.badParameter(name, name + " must be a decimal number of degrees, got '" + abbreviate(raw) + "'");
        }
        double degrees = Double.parseDouble(value);
        if (!(degrees >= -limit && degrees <= limit)) {
            throw RequestRejectedException.badParameter(name, name + " must be within [-" + (int) limit + ", " + (int) limit + "], got " + value);
        }
        return degrees;
    }

    static String account(String raw) {
        return account("account", raw);
    }

    static String account(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return "generic";
        }
        if (!ID.matcher(raw).matches()) {
            throw RequestRejectedException.badParameter(name, name + " must be 1-64 of A-Z, a-z, 0-9, '-' and '_', got '" + abbreviate(raw) + "'");
        }
        return raw;
    }

    static Channel channel(String raw) {
        try {
            return Channel.fromId(raw);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.badParameter("channel", "unknown channel '" + abbreviate(raw) + "'; expected one of " + Channel.ids());
        }
    }

    /** A store or category id; malformed is a 400, unknown (checked by the caller) a 404. */
    static String id(String name, String raw) {
        if (raw == null || !ID.matcher(raw).matches()) {
            throw RequestRejectedException.badParameter(name, name + " must be 1-64 of A-Z, a-z, 0-9, '-' and '_', got '" + abbreviate(raw) + "'");
        }
        return raw;
    }

    /** The moment asked for, or null when the request names none. */
    static Instant at(String raw) {
        return at("at", raw);
    }

    /** The moment asked for in a parameter of this name, or null when the request names none. */
    static Instant at(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = raw.endsWith("Z") || raw.endsWith("z") ? Instant.parse(raw) : OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw RequestRejectedException.badParameter(name, name + " must be an ISO-8601 instant such as 2026-11-23T15:30:00Z or 2026-11-23T23:30:00+08:00, got '" + abbreviate(raw) + "'");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw RequestRejectedException.badParameter(name, name + " must be within the years 2000-2099, got " + raw);
        }
        return instant;
    }

    static int integer(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        String value = raw.trim();
        if (!INTEGER.matcher(value).matches()) {
            throw RequestRejectedException.badParameter(name, name + " must be a whole number, got '" + abbreviate(raw) + "'");
        }
        long parsed = Long.parseLong(value);
        if (parsed < min || parsed > max) {
            throw RequestRejectedException.badParameter(name, name + " must be within [" + min + ", " + max + "], got " + value);
        }
        return (int) parsed;
    }

    static long seed(String raw, long defaultValue) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw RequestRejectedException.badParameter("seed", "seed must be a whole number (64-bit), got '" + abbreviate(raw) + "'");
        }
    }

    /** Echoes at most 64 characters of a bad value, never control characters. */
    static String abbreviate(String raw) {
        if (raw == null) {
            return "";
        }
        String clean = raw.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 64) + "...";
    }
}
