package dev.hexsnap.upstream.world;

import java.util.Locale;

/**
 * The GIS layer of the demo world: where a page's location is resolved before anything is
 * computed for it.
 *
 * <p>A real O2O back-end does not build a page for the exact coordinate a user sends. Its
 * recommendation service takes the stores from the GIS service, and GIS answers per grid fence
 * (the source names 3 km, 5 km and 20 km fences, on a geohash quadrilateral grid): every point
 * of one fence gets the same stores and the same products. In {@link Kind#GEOHASH} mode this
 * world does the same: a point is resolved to its geohash cell and the page is computed for the
 * cell's centre, so every point of a cell sees the same generic page. {@link Kind#EXACT}
 * computes the page for the point itself (each point its own page), which is far more
 * location-sensitive than real pages; tests that need exact coverage use it. Immutable and
 * thread-safe.
 */
public final class GisGrid {

    /** How locations are resolved. */
    public enum Kind {
        /** To the centre of the point's geohash cell: what real GIS services do (the default). */
        GEOHASH,
        /** Not at all: the page is computed for the exact point. */
        EXACT;

        /** The name as configured: {@code geohash} or {@code exact}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Geohash precision 5: cells of about 4.2 km x 4.9 km, the size of the source's GIS fences ("3 km, 5 km
     * and 20 km grids"). Precision 6 (1.05 km x 0.61 km) is finer than any fence the source names, and makes
     * pages vary inside one resolution-7 hexagon far more than the source's diff observed.
     */
    public static final int DEFAULT_PRECISION = 5;

    private static final GisGrid EXACT = new GisGrid(Kind.EXACT, 0);

    private final Kind kind;
    private final int precision;

    private GisGrid(Kind kind, int precision) {
        this.kind = kind;
        this.precision = precision;
    }

    /** Pages for the exact point. */
    public static GisGrid exact() {
        return EXACT;
    }

    /** Pages per geohash cell of a precision ({@value Geohash#MIN_PRECISION}-{@value Geohash#MAX_PRECISION}). */
    public static GisGrid geohash(int precision) {
        if (precision < Geohash.MIN_PRECISION || precision > Geohash.MAX_PRECISION) {
            throw new IllegalArgumentException("geohash precision must be within [" + Geohash.MIN_PRECISION + ", "
                    + Geohash.MAX_PRECISION + "], got " + precision);
        }
        return new GisGrid(Kind.GEOHASH, precision);
    }

    /** The default: geohash cells of precision {@value #DEFAULT_PRECISION}. */
    public static GisGrid standard() {
        return geohash(DEFAULT_PRECISION);
    }

    /** From configuration; the precision counts only in geohash mode. */
    public static GisGrid of(Kind kind, int precision) {
        return kind == Kind.EXACT ? exact() : geohash(precision);
    }

    public Kind kind() {
        return kind;
    }

    /** The geohash precision; 0 in exact mode. */
    public int precision() {
        return precision;
    }

    /**
     * Where a page asked for at a point is computed: the point's geohash cell and its centre,
     * or the point itself (no cell) in exact mode.
     */
    public Location locate(double lat, double lng) {
        if (kind == Kind.EXACT) {
            return new Location(null, lat, lng);
        }
        Geohash cell = Geohash.of(lat, lng, precision);
        return new Location(cell.hash(), (cell.minLat() + cell.maxLat()) / 2, (cell.minLng() + cell.maxLng()) / 2);
    }

    /** e.g. {@code geohash precision 6 (0.0110° x 0.0055°)} or {@code exact point}. */
    public String describe() {
        if (kind == Kind.EXACT) {
            return "exact point";
        }
        return String.format(Locale.ROOT, "geohash precision %d (%.4f° x %.4f°)", precision,
                Geohash.widthDegrees(precision), Geohash.heightDegrees(precision));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GisGrid g && g.kind == kind && g.precision == precision;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + precision;
    }

    @Override
    public String toString() {
        return kind == Kind.EXACT ? "exact" : "geohash-" + precision;
    }

    /**
     * The location a page is computed for.
     *
     * @param cell the GIS cell (a geohash), null in exact mode
     * @param lat  latitude the page is computed for: the cell's centre, or the point
     * @param lng  longitude the page is computed for
     */
    public record Location(String cell, double lat, double lng) {
    }
}
