package dev.hexsnap.core.geo;

import com.uber.h3core.H3Core;
import com.uber.h3core.PolygonToCellsFlags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The H3 hexagonal grid, as every hexsnap stage uses it.
 *
 * <p>One instance per JVM ({@link #shared()}): creating an {@link H3Core} extracts its JNI
 * library into {@code java.io.tmpdir}, which must exist and allow execution. The instance is
 * thread-safe. Cells are H3 indexes as {@code long}; coordinates are {@link LatLng} in
 * degrees, latitude first. Arguments are checked here with readable messages because H3
 * accepts some nonsense silently (latitude 91) and rejects other input with terse errors.
 */
public final class HexGrid {

    /** The finest resolution H3 defines. */
    public static final int MAX_RESOLUTION = 15;

    private static volatile HexGrid shared;

    private final H3Core h3;

    private HexGrid(H3Core h3) {
        this.h3 = h3;
    }

    /** The JVM-wide instance, created on first use. */
    public static HexGrid shared() {
        HexGrid grid = shared;
        if (grid == null) {
            synchronized (HexGrid.class) {
                grid = shared;
                if (grid == null) {
                    try {
                        grid = new HexGrid(H3Core.newInstance());
                    } catch (IOException e) {
                        throw new UncheckedIOException("could not load the H3 native library into java.io.tmpdir ("
                                + System.getProperty("java.io.tmpdir") + "): it must exist and allow execution", e);
                    }
                    shared = grid;
                }
            }
        }
        return grid;
    }

    /** The cell of resolution {@code resolution} that contains {@code point}. */
    public long cellOf(LatLng point, int resolution) {
        checkResolution(resolution);
        return h3.latLngToCell(point.lat(), point.lng(), resolution);
    }

    /**
     * The cell containing (lat, lng), without allocating a {@link LatLng}: for hot loops over
     * points whose range the caller has already checked with {@link LatLng#isValid}.
     */
    public long cellOf(double lat, double lng, int resolution) {
        return h3.latLngToCell(lat, lng, resolution);
    }

    /** The centre of a cell. */
    public LatLng center(long cell) {
        checkCell(cell);
        var c = h3.cellToLatLng(cell);
        return new LatLng(c.lat, c.lng);
    }

    /**
     * The true corners of a cell: six for a hexagon, five for a pentagon. Unlike
     * {@link #boundary(long)} this never includes the extra distortion vertices that H3
     * adds at odd resolutions such as 7.
     */
    public List<LatLng> vertices(long cell) {
        checkCell(cell);
        List<Long> vertexes = h3.cellToVertexes(cell);
        List<LatLng> corners = new ArrayList<>(vertexes.size());
        for (long vertex : vertexes) {
            var v = h3.vertexToLatLng(vertex);
            corners.add(new LatLng(v.lat, v.lng));
        }
        return corners;
    }

    /**
     * The corners of a cell moved a fraction {@code towardCentre} of the way to its centre, so
     * that each lies strictly inside the cell (a point exactly on a corner belongs to any of
     * three cells).
     *
     * @param towardCentre fraction in (0, 1); 0.02 moves a resolution-7 corner about 28 m
     */
    public List<LatLng> verticesInside(long cell, double towardCentre) {
        if (!(towardCentre > 0.0 && towardCentre < 1.0)) {
            throw new IllegalArgumentException("towardCentre must be within (0, 1), got " + towardCentre);
        }
        LatLng centre = center(cell);
        List<LatLng> corners = vertices(cell);
        List<LatLng> inside = new ArrayList<>(corners.size());
        for (LatLng corner : corners) {
            inside.add(corner.towards(centre, towardCentre));
        }
        return inside;
    }

    /** The outline of a cell for drawing, distortion vertices included. */
    public List<LatLng> boundary(long cell) {
        checkCell(cell);
        var points = h3.cellToBoundary(cell);
        List<LatLng> outline = new ArrayList<>(points.size());
        for (var p : points) {
            outline.add(new LatLng(p.lat, p.lng));
        }
        return outline;
    }

    /** Whether {@code point} lies in {@code cell}. */
    public boolean contains(long cell, LatLng point) {
        return cellOf(point, resolutionOf(cell)) == cell;
    }

    /** Cells within grid distance {@code k} of {@code cell}, grouped by distance (index 0 is the cell itself). */
    public List<List<Long>> rings(long cell, int k) {
        checkCell(cell);
        if (k < 0 || k > 100) {
            throw new IllegalArgumentException("ring distance must be within [0, 100], got " + k);
        }
        return h3.gridDiskDistances(cell, k);
    }

    /** The ancestor of {@code cell} at the coarser {@code resolution}. */
    public long parent(long cell, int resolution) {
        checkCell(cell);
        checkResolution(resolution);
        if (resolution > resolutionOf(cell)) {
            throw new IllegalArgumentException("parent resolution " + resolution
                    + " is finer than the cell's " + resolutionOf(cell));
        }
        return h3.cellToParent(cell, resolution);
    }

    /**
     * The cells whose centres lie inside a polygon (outer ring only, latitude first). Uses the
     * experimental polyfill with centre containment, which succeeds on large polygons at fine
     * resolutions where the classic one reports "operation failed".
     */
    public List<Long> cellsInPolygon(List<LatLng> outline, int resolution) {
        checkResolution(resolution);
        if (outline.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, got " + outline.size());
        }
        List<com.uber.h3core.util.LatLng> ring = new ArrayList<>(outline.size());
        for (LatLng p : outline) {
            ring.add(new com.uber.h3core.util.LatLng(p.lat(), p.lng()));
        }
        return h3.polygonToCellsExperimental(ring, List.of(), resolution, PolygonToCellsFlags.containment_center);
    }

    /** The resolution of a cell. */
    public int resolutionOf(long cell) {
        checkCell(cell);
        return h3.getResolution(cell);
    }

    public boolean isPentagon(long cell) {
        checkCell(cell);
        return h3.isPentagon(cell);
    }

    public boolean isValidCell(long cell) {
        return h3.isValidCell(cell);
    }

    /** Average hexagon area at a resolution, in km². */
    public double averageAreaKm2(int resolution) {
        checkResolution(resolution);
        return h3.getHexagonAreaAvg(resolution, com.uber.h3core.AreaUnit.km2);
    }

    /** Area of one cell, in km² (cells of one resolution vary by location). */
    public double areaKm2(long cell) {
        checkCell(cell);
        return h3.cellArea(cell, com.uber.h3core.AreaUnit.km2);
    }

    /** The canonical lowercase hexadecimal form of a cell (e.g. {@code 87309b3a4ffffff}). */
    public String toAddress(long cell) {
        return Long.toHexString(cell);
    }

    /**
     * Parses a cell address, rejecting anything that is not a valid H3 cell with an
     * {@link IllegalArgumentException} (H3 itself throws {@link NumberFormatException}).
     */
    public long parseAddress(String address) {
        if (address == null || address.isEmpty() || address.length() > 16) {
            throw new IllegalArgumentException("not an H3 cell address: '" + address + "'");
        }
        long cell;
        try {
            cell = Long.parseUnsignedLong(address, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an H3 cell address: '" + address + "'");
        }
        if (!h3.isValidCell(cell)) {
            throw new IllegalArgumentException("not an H3 cell address: '" + address + "'");
        }
        return cell;
    }

    /** Addresses of several cells, in order. */
    public List<String> toAddresses(Collection<Long> cells) {
        List<String> addresses = new ArrayList<>(cells.size());
        for (long cell : cells) {
            addresses.add(toAddress(cell));
        }
        return addresses;
    }

    public static void checkResolution(int resolution) {
        if (resolution < 0 || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException("H3 resolution must be within [0, 15], got " + resolution);
        }
    }

    private void checkCell(long cell) {
        if (!h3.isValidCell(cell)) {
            throw new IllegalArgumentException("not a valid H3 cell: " + Long.toHexString(cell));
        }
    }
}
