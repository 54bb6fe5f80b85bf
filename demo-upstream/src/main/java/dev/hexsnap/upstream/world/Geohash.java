package dev.hexsnap.upstream.world;

import dev.hexsnap.core.geo.LatLng;

import java.util.Locale;

/**
 * A geohash cell: the quadrilateral grid real GIS services fence their coverage with. The world
 * is halved alternately in longitude and latitude (longitude first), one bit per halving, and
 * every five bits become one character of the base-32 alphabet {@code 0-9b-z} without
 * {@code a i l o}; a longer hash is a smaller cell inside the shorter one.
 *
 * <p>Cells are half-open: a point on a boundary belongs to the cell north or east of it, the
 * usual geohash convention (latitude 90 and longitude 180 fall in the last cell). Every bound is
 * a power-of-two fraction of the world, so bounds and centres are exact in {@code double}.
 *
 * <p>Sizes: precision 5 is 0.044° x 0.044° (about 4.2 km x 4.9 km at Shanghai's latitude),
 * 6 is 0.011° x 0.0055° (about 1.05 km x 0.61 km), 7 is 0.0014° x 0.0014° (about 130 m x 150 m).
 * Immutable.
 *
 * @param hash   the cell's geohash, lower case
 * @param minLat southern bound (inclusive), degrees
 * @param maxLat northern bound (exclusive, but 90 is in), degrees
 * @param minLng western bound (inclusive), degrees
 * @param maxLng eastern bound (exclusive, but 180 is in), degrees
 */
public record Geohash(String hash, double minLat, double maxLat, double minLng, double maxLng) {

    /** The shortest hash: a cell of 45° x 45°. */
    public static final int MIN_PRECISION = 1;
    /** The longest hash: 60 bits, cells of a few centimetres; longer would not fit a long. */
    public static final int MAX_PRECISION = 12;

    private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

    public Geohash {
        if (hash == null || hash.length() < MIN_PRECISION || hash.length() > MAX_PRECISION) {
            throw new IllegalArgumentException("a geohash has " + MIN_PRECISION + " to " + MAX_PRECISION + " characters, got '" + hash + "'");
        }
    }

    /**
     * The cell of a point at a precision.
     *
     * @param lat       latitude, -90 to 90
     * @param lng       longitude, -180 to 180
     * @param precision characters of the hash, {@value #MIN_PRECISION} to {@value #MAX_PRECISION}
     */
    public static Geohash of(double lat, double lng, int precision) {
        checkPrecision(precision);
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], got " + lat);
        }
        if (!(lng >= -180 && lng <= 180)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], got " + lng);
        }
        double latLo = -90, latHi = 90, lngLo = -180, lngHi = 180;
        char[] chars = new char[precision];
        boolean longitude = true;
        for (int c = 0; c < precision; c++) {
            int value = 0;
            for (int bit = 0; bit < 5; bit++) {
                value <<= 1;
                if (longitude) {
                    double mid = (lngLo + lngHi) / 2;
                    if (lng >= mid) {
                        value |= 1;
                        lngLo = mid;
                    } else {
                        lngHi = mid;
                    }
                } else {
                    double mid = (latLo + latHi) / 2;
                    if (lat >= mid) {
                        value |= 1;
                        latLo = mid;
                    } else {
                        latHi = mid;
                    }
                }
                longitude = !longitude;
            }
            chars[c] = ALPHABET.charAt(value);
        }
        return new Geohash(new String(chars), latLo, latHi, lngLo, lngHi);
    }

    /** The cell a hash names (case-insensitive). */
    public static Geohash parse(String hash) {
        if (hash == null || hash.length() < MIN_PRECISION || hash.length() > MAX_PRECISION) {
            throw new IllegalArgumentException("a geohash has " + MIN_PRECISION + " to " + MAX_PRECISION + " characters, got '" + hash + "'");
        }
        String lower = hash.toLowerCase(Locale.ROOT);
        double latLo = -90, latHi = 90, lngLo = -180, lngHi = 180;
        boolean longitude = true;
        for (int c = 0; c < lower.length(); c++) {
            int value = ALPHABET.indexOf(lower.charAt(c));
            if (value < 0) {
                throw new IllegalArgumentException("'" + hash + "' is not a geohash: '" + hash.charAt(c)
                        + "' is not one of " + ALPHABET);
            }
            for (int bit = 4; bit >= 0; bit--) {
                boolean upper = ((value >> bit) & 1) == 1;
                if (longitude) {
                    double mid = (lngLo + lngHi) / 2;
                    if (upper) {
                        lngLo = mid;
                    } else {
                        lngHi = mid;
                    }
                } else {
                    double mid = (latLo + latHi) / 2;
                    if (upper) {
                        latLo = mid;
                    } else {
                        latHi = mid;
                    }
                }
                longitude = !longitude;
            }
        }
        return new Geohash(lower, latLo, latHi, lngLo, lngHi);
    }

    /** Cell width in degrees of longitude at a precision. */
    public static double widthDegrees(int precision) {
        checkPrecision(precision);
        return 360.0 / (1L << ((5 * precision + 1) / 2));
    }

    /** Cell height in degrees of latitude at a precision. */
    public static double heightDegrees(int precision) {
        checkPrecision(precision);
        return 180.0 / (1L << (5 * precision / 2));
    }

    private static void checkPrecision(int precision) {
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("geohash precision must be within [" + MIN_PRECISION + ", " + MAX_PRECISION
                    + "], got " + precision);
        }
    }

    public int precision() {
        return hash.length();
    }

    /** The middle of the cell. */
    public LatLng centre() {
        return new LatLng((minLat + maxLat) / 2, (minLng + maxLng) / 2);
    }

    /** Whether the point falls in this cell (by the half-open convention above). */
    public boolean contains(double lat, double lng) {
        return (lat >= minLat && (lat < maxLat || maxLat == 90 && lat == 90))
                && (lng >= minLng && (lng < maxLng || maxLng == 180 && lng == 180));
    }

    @Override
    public String toString() {
        return hash;
    }
}
