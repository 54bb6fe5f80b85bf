package dev.hexsnap.api.location;

import dev.hexsnap.api.error.ApiException;
import dev.hexsnap.core.geo.LatLng;

import java.util.regex.Pattern;

/**
 * Reads {@code lat} and {@code lng} strictly: plain decimal degrees only, so that {@code NaN},
 * {@code Infinity}, hex floats, exponents and Java's {@code 1d} suffix (all of which
 * {@link Double#parseDouble} accepts) are refused with a 400 naming the parameter.
 */
final class Coordinates {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{1,15})?");

    private Coordinates() {
    }

    static LatLng parse(String lat, String lng) {
        return new LatLng(degrees("lat", lat, 90), degrees("lng", lng, 180));
    }

    private static double degrees(String name, String value, double limit) {
        if (value == null || value.isBlank()) {
            throw ApiException.badParameter(name, name + " is required (decimal degrees)");
        }
        String v = value.strip();
        if (v.length() > 24 || !DECIMAL.matcher(v).matches()) {
            throw ApiException.badParameter(name, name + " must be a decimal number of degrees, e.g. 31.2304");
        }
        double degrees = Double.parseDouble(v);
        if (degrees < -limit || degrees > limit) {
            throw ApiException.badParameter(name, name + " must be within [-" + (int) limit + ", " + (int) limit + "], got " + v);
        }
        return degrees;
    }
}
