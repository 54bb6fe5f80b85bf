package dev.hexsnap.core.region;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An area the grid covers, usually a city: a circle (centre and radius) or a polygon.
 *
 * @param name  unique name, e.g. {@code shanghai}: lowercase letters, digits and '-'
 * @param shape where it is
 */
public record Region(String name, Shape shape) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public Region {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("region name must be 1-64 of a-z, 0-9 and '-', got '" + name + "'");
        }
        if (shape == null) {
            throw new IllegalArgumentException("region " + name + " has no shape");
        }
    }

    /** A city of the catalog as a circle of {@code radiusKm} around its centre. */
    public static Region around(City city, double radiusKm) {
        return new Region(city.slug(), new Circle(city.centre(), radiusKm));
    }

    /** Whether the region contains the point. */
    public boolean contains(LatLng point) {
        return shape.contains(point);
    }

    /** The cells of a resolution whose centres lie in the region. */
    public List<Long> cells(HexGrid grid, int resolution) {
        return grid.cellsInPolygon(shape.outline(), resolution);
    }

    /** Where a region is. */
    public sealed interface Shape {

        boolean contains(LatLng point);

        /** A closed outline (first point not repeated), latitude first. */
        List<LatLng> outline();
    }

    /**
     * A disc on the Earth's surface.
     *
     * @param centre   its centre
     * @param radiusKm its radius in km, within (0, 500]
     */
    public record Circle(LatLng centre, double radiusKm) implements Shape {

        private static final int OUTLINE_POINTS = 72;

        public Circle {
            if (!(radiusKm > 0 && radiusKm <= 500)) {
                throw new IllegalArgumentException("radius must be within (0, 500] km, got " + radiusKm);
            }
        }

        @Override
        public boolean contains(LatLng point) {
            return centre.distanceMetres(point) <= radiusKm * 1000.0;
        }

        @Override
        public List<LatLng> outline() {
            // 72 points keep the polygon within 0.1% of the circle's radius.
            List<LatLng> points = new ArrayList<>(OUTLINE_POINTS);
            double latRad = Math.toRadians(centre.lat());
            double dLat = Math.toDegrees(radiusKm / 6371.0088);
            double dLng = dLat / Math.max(Math.cos(latRad), 1e-6);
            for (int i = 0; i < OUTLINE_POINTS; i++) {
                double a = 2 * Math.PI * i / OUTLINE_POINTS;
                points.add(new LatLng(clamp(centre.lat() + dLat * Math.sin(a), 90),
                        clamp(centre.lng() + dLng * Math.cos(a), 180)));
            }
            return points;
        }

        private static double clamp(double value, double limit) {
            return Math.max(-limit, Math.min(limit, value));
        }
    }

    /**
     * A simple polygon (outer ring only, no holes), latitude first.
     *
     * @param points its corners, at least three, the first not repeated at the end
     */
    public record Polygon(List<LatLng> points) implements Shape {

        public Polygon {
            if (points == null || points.size() < 3) {
                throw new IllegalArgumentException("a polygon needs at least 3 points");
            }
            if (points.size() > 3 && points.getFirst().equals(points.getLast())) {
                points = points.subList(0, points.size() - 1);
            }
            points = List.copyOf(points);
        }

        /** Even-odd ray casting in degrees; fine for city-sized polygons away from the antimeridian. */
        @Override
        public boolean contains(LatLng point) {
            boolean inside = false;
            int n = points.size();
            for (int i = 0, j = n - 1; i < n; j = i++) {
                LatLng a = points.get(i);
                LatLng b = points.get(j);
                if ((a.lat() > point.lat()) != (b.lat() > point.lat())) {
                    double crossLng = a.lng() + (point.lat() - a.lat()) * (b.lng() - a.lng()) / (b.lat() - a.lat());
                    if (point.lng() < crossLng) {
                        inside = !inside;
                    }
                }
            }
            return inside;
        }

        @Override
        public List<LatLng> outline() {
            return points;
        }
    }
}
