package dev.hexsnap.grid.region;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.Region;

import java.util.List;
import java.util.Locale;

/**
 * A named region of the grid: one or more shapes (a GeoJSON MultiPolygon has several) that
 * share a name, which is what {@code grid_cell.region} records.
 *
 * @param name   the region's name: 1-64 of a-z, 0-9 and '-'
 * @param shapes where it is, at least one
 */
public record Area(String name, List<Region.Shape> shapes) {

    public Area {
        new Region(name, shapes.getFirst()); // validates the name the way every stage expects it
        shapes = List.copyOf(shapes);
    }

    /** An exact, stable text form: part of what identifies a build. */
    public String canonical() {
        StringBuilder text = new StringBuilder(name);
        for (Region.Shape shape : shapes) {
            switch (shape) {
                case Region.Circle circle -> text.append(" circle ").append(point(circle.centre()))
                        .append(' ').append(circle.radiusKm());
                case Region.Polygon polygon -> {
                    text.append(" polygon");
                    for (LatLng p : polygon.points()) {
                        text.append(' ').append(point(p));
                    }
                }
            }
        }
        return text.toString();
    }

    /** A representative point: where a region too small for any cell centre still gets its cell. */
    LatLng anchor(Region.Shape shape) {
        return switch (shape) {
            case Region.Circle circle -> circle.centre();
            case Region.Polygon polygon -> {
                double lat = 0;
                double lng = 0;
                for (LatLng p : polygon.points()) {
                    lat += p.lat();
                    lng += p.lng();
                }
                yield new LatLng(lat / polygon.points().size(), lng / polygon.points().size());
            }
        };
    }

    private static String point(LatLng p) {
        return String.format(Locale.ROOT, "%s,%s", p.lat(), p.lng());
    }
}
