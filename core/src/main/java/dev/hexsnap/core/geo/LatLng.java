package dev.hexsnap.core.geo;

/**
 * A WGS84 point in degrees, latitude first (the H3 order; GeoJSON is the other way round).
 * Construction validates the range, so a {@code LatLng} is always a real place: H3 itself
 * accepts latitude 91 without complaint.
 *
 * @param lat latitude in degrees, within [-90, 90]
 * @param lng longitude in degrees, within [-180, 180]
 */
public record LatLng(double lat, double lng) {

    public LatLng {
        if (!(lat >= -90.0 && lat <= 90.0)) {
            throw new IllegalArgumentException("latitude must be a number within [-90, 90], got " + lat);
        }
        if (!(lng >= -180.0 && lng <= 180.0)) {
            throw new IllegalArgumentException("longitude must be a number within [-180, 180], got " + lng);
        }
    }

    /** Whether the pair would make a valid point (false for NaN, infinities and out-of-range values). */
    public static boolean isValid(double lat, double lng) {
        return lat >= -90.0 && lat <= 90.0 && lng >= -180.0 && lng <= 180.0;
    }

    /** Great-circle distance in metres (haversine on the mean Earth radius). */
    public double distanceMetres(LatLng other) {
        double p1 = Math.toRadians(lat);
        double p2 = Math.toRadians(other.lat);
        double dp = p2 - p1;
        double dl = Math.toRadians(other.lng - lng);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    /** The point a fraction {@code t} of the way from this one to {@code other} (linear in degrees). */
    public LatLng towards(LatLng other, double t) {
        return new LatLng(lat + (other.lat - lat) * t, lng + (other.lng - lng) * t);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.6f,%.6f", lat, lng);
    }

    static final double EARTH_RADIUS_METRES = 6_371_008.8;
}
