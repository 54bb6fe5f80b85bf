package dev.hexsnap.upstream.world;

import dev.hexsnap.core.geo.LatLng;

import java.util.ArrayList;
import java.util.List;

/**
 * A store's delivery area: an irregular, star-shaped polygon of roughly 3 km around the
 * store, as real ones are drawn (cut by rivers, ring roads and rider capacity, not a circle).
 * Immutable; {@link #contains} is a bounding-box test then even-odd ray casting in degrees,
 * which is exact enough for polygons of a few km away from the poles.
 */
public final class DeliveryArea {

    private final double[] lats;
    private final double[] lngs;
    private final double minLat;
    private final double maxLat;
    private final double minLng;
    private final double maxLng;

    DeliveryArea(double[] lats, double[] lngs) {
        this.lats = lats;
        this.lngs = lngs;
        double a = 90, b = -90, c = 180, d = -180;
        for (int i = 0; i < lats.length; i++) {
            a = Math.min(a, lats[i]);
            b = Math.max(b, lats[i]);
            c = Math.min(c, lngs[i]);
            d = Math.max(d, lngs[i]);
        }
        this.minLat = a;
        this.maxLat = b;
        this.minLng = c;
        this.maxLng = d;
    }

    /**
     * Draws an area around {@code centre}: the radius wobbles with three low harmonics (so the
     * shape bulges and dents) plus a little per-vertex noise.
     */
    static DeliveryArea around(LatLng centre, double radiusKm, Rng rng) {
        int n = rng.between(14, 24);
        double a1 = rng.between(0.05, 0.28), p1 = rng.between(0, 2 * Math.PI);
        double a2 = rng.between(0.04, 0.2), p2 = rng.between(0, 2 * Math.PI);
        double a3 = rng.between(0.0, 0.12), p3 = rng.between(0, 2 * Math.PI);
        double kmPerDegLat = 111.195;
        double kmPerDegLng = kmPerDegLat * Math.cos(Math.toRadians(centre.lat()));
        double[] lats = new double[n];
        double[] lngs = new double[n];
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * (i + rng.between(-0.3, 0.3)) / n;
            double wobble = 1 + a1 * Math.cos(theta + p1) + a2 * Math.cos(2 * theta + p2) + a3 * Math.cos(3 * theta + p3)
                    + rng.between(-0.08, 0.08);
            double r = radiusKm * Math.max(0.35, wobble);
            lats[i] = centre.lat() + r * Math.sin(theta) / kmPerDegLat;
            lngs[i] = centre.lng() + r * Math.cos(theta) / kmPerDegLng;
        }
        return new DeliveryArea(lats, lngs);
    }

    /** Whether the area covers the point. */
    public boolean contains(double lat, double lng) {
        if (lat < minLat || lat > maxLat || lng < minLng || lng > maxLng) {
            return false;
        }
        boolean inside = false;
        int n = lats.length;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            if ((lats[i] > lat) != (lats[j] > lat)) {
                double crossLng = lngs[i] + (lat - lats[i]) * (lngs[j] - lngs[i]) / (lats[j] - lats[i]);
                if (lng < crossLng) {
                    inside = !inside;
                }
            }
        }
        return inside;
    }

    /** The corners, latitude first, not closed. */
    public List<LatLng> outline() {
        List<LatLng> points = new ArrayList<>(lats.length);
        for (int i = 0; i < lats.length; i++) {
            points.add(new LatLng(lats[i], lngs[i]));
        }
        return points;
    }

    public double minLat() {
        return minLat;
    }

    public double maxLat() {
        return maxLat;
    }

    public double minLng() {
        return minLng;
    }

    public double maxLng() {
        return maxLng;
    }
}
