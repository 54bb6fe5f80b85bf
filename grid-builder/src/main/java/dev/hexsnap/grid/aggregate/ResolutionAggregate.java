package dev.hexsnap.grid.aggregate;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.grid.region.CellIndex;

import java.util.Arrays;

/**
 * Requests per covering cell at one resolution, and for each cell that received any, a
 * bounded heavy-hitter sketch of where inside it they fall.
 *
 * <p>The hotspot question ("where do this cell's requests concentrate?") is answered with
 * arithmetic, not H3: each cell gets a micro-grid of {@code microCellMetres} squares in
 * lat/lng, anchored at the first point the cell receives, and a Space-Saving sketch of
 * {@code candidates} micro-cells keeps the heaviest ones with the weighted sum of their
 * points. Memory is {@code candidates × 36} bytes per cell that received requests, whatever
 * the number of points; a micro-cell holding more than {@code 1/candidates} of a cell's
 * requests is always found. The only H3 work per point stays the {@code latLngToCell} the
 * caller did to find the slot.
 *
 * <p>Not thread-safe: one aggregator thread owns it.
 */
public final class ResolutionAggregate {

    private static final double METRES_PER_DEGREE_LAT = 111_320.0;

    private final CellIndex cells;
    private final int candidates;
    private final double latStepInverse;
    private final double microCellMetres;

    private final long[] requests;
    private final int[] sketchOf;
    private long requestsInRegions;
    private long requestsOutside;
    private int cellsWithRequests;

    // Per sketch (one per cell with requests): the micro-grid's anchor and its longitude scale.
    private double[] originLat = new double[256];
    private double[] originLng = new double[256];
    private double[] lngStepInverse = new double[256];
    // Per candidate (candidates per sketch): micro-cell key, estimated weight, own weight and
    // the weighted sums of its points' offsets from the anchor.
    private int[] keys = new int[0];
    private long[] weights = new long[0];
    private long[] own = new long[0];
    private double[] sumDLat = new double[0];
    private double[] sumDLng = new double[0];

    /**
     * @param cells           the covering cells of this resolution
     * @param microCellMetres side of the micro-grid's squares, e.g. 75
     * @param candidates      micro-cells tracked per cell, e.g. 8
     */
    public ResolutionAggregate(CellIndex cells, double microCellMetres, int candidates) {
        if (!(microCellMetres >= 1 && microCellMetres <= 1000)) {
            throw new IllegalArgumentException("micro-cell size must be within [1, 1000] m, got " + microCellMetres);
        }
        if (candidates < 1 || candidates > 64) {
            throw new IllegalArgumentException("candidates must be within [1, 64], got " + candidates);
        }
        this.cells = cells;
        this.candidates = candidates;
        this.microCellMetres = microCellMetres;
        this.latStepInverse = METRES_PER_DEGREE_LAT / microCellMetres;
        this.requests = new long[cells.size()];
        this.sketchOf = new int[cells.size()];
        Arrays.fill(sketchOf, -1);
        grow(256);
    }

    public CellIndex cells() {
        return cells;
    }

    public int resolution() {
        return cells.resolution();
    }

    /**
     * Adds {@code count} requests at (lat, lng), whose cell at this resolution is {@code cell}.
     * A cell that covers no region only counts towards {@link #requestsOutside()}.
     */
    public void add(long cell, double lat, double lng, long count) {
        if (count <= 0) {
            return; // a free candidate is one with no weight: zero-count points must not look like one
        }
        int slot = cells.slotOf(cell);
        if (slot < 0) {
            requestsOutside += count;
            return;
        }
        requestsInRegions += count;
        requests[slot] += count;
        int sketch = sketchOf[slot];
        if (sketch < 0) {
            sketch = newSketch(slot, lat, lng);
        }
        int i = (int) Math.floor((lat - originLat[sketch]) * latStepInverse);
        int j = (int) Math.floor((lng - originLng[sketch]) * lngStepInverse[sketch]);
        int key = (i << 16) | (j & 0xFFFF);
        double dLat = (lat - originLat[sketch]) * count;
        double dLng = (lng - originLng[sketch]) * count;
        int base = sketch * candidates;
        int end = base + candidates;
        int lightest = base;
        for (int p = base; p < end; p++) {
            if (weights[p] == 0) {
                put(p, key, count, count, dLat, dLng); // free candidate: the key is not tracked yet
                return;
            }
            if (keys[p] == key) {
                weights[p] += count;
                own[p] += count;
                sumDLat[p] += dLat;
                sumDLng[p] += dLng;
                return;
            }
            if (weights[p] < weights[lightest]) {
                lightest = p;
            }
        }
        // Space-Saving: the newcomer takes the lightest candidate's place and inherits its
        // weight as an upper bound; its centroid starts from its own points only.
        put(lightest, key, weights[lightest] + count, count, dLat, dLng);
    }

    /** Requests of the cell in {@code slot}. */
    public long requests(int slot) {
        return requests[slot];
    }

    public long requestsInRegions() {
        return requestsInRegions;
    }

    public long requestsOutside() {
        return requestsOutside;
    }

    public int cellsWithRequests() {
        return cellsWithRequests;
    }

    /**
     * The hotspot of the cell in {@code slot}: the request-weighted centroid of its densest
     * micro-cell, checked with H3 to lie in the cell. Should the centroid fall outside (a
     * micro-cell cut by a curved cell edge), it is moved toward the first request the cell
     * received (which H3 placed inside) until H3 agrees, and at worst is that request itself.
     * A few H3 calls per hot cell; none per point.
     */
    public Hotspot hotspot(int slot, HexGrid grid) {
        int sketch = sketchOf[slot];
        if (sketch < 0) {
            throw new IllegalStateException("cell " + Long.toHexString(cells.cell(slot)) + " received no requests");
        }
        int base = sketch * candidates;
        int densest = base;
        for (int p = base + 1; p < base + candidates; p++) {
            if (weights[p] > weights[densest]) {
                densest = p;
            }
        }
        long cell = cells.cell(slot);
        int resolution = cells.resolution();
        double oLat = originLat[sketch];
        double oLng = originLng[sketch];
        double cLat = oLat + sumDLat[densest] / own[densest];
        double cLng = oLng + sumDLng[densest] / own[densest];
        if (grid.cellOf(cLat, cLng, resolution) == cell) {
            return new Hotspot(cLat, cLng, false);
        }
        for (double t : new double[]{0.1, 0.25, 0.5, 0.75}) {
            double lat = cLat + (oLat - cLat) * t;
            double lng = cLng + (oLng - cLng) * t;
            if (grid.cellOf(lat, lng, resolution) == cell) {
                return new Hotspot(lat, lng, true);
            }
        }
        return new Hotspot(oLat, oLng, true);
    }

    /**
     * A cell's hotspot.
     *
     * @param moved true when the centroid itself was outside the cell and had to be moved
     */
    public record Hotspot(double lat, double lng, boolean moved) {
    }

    private int newSketch(int slot, double lat, double lng) {
        int sketch = cellsWithRequests++;
        if (sketch == originLat.length) {
            grow(sketch * 2);
        }
        sketchOf[slot] = sketch;
        originLat[sketch] = lat;
        originLng[sketch] = lng;
        // Squares in metres, not in degrees: a degree of longitude shrinks with the latitude.
        lngStepInverse[sketch] = METRES_PER_DEGREE_LAT * Math.max(Math.cos(Math.toRadians(lat)), 0.01) / microCellMetres;
        return sketch;
    }

    private void put(int p, int key, long weight, long ownWeight, double dLat, double dLng) {
        keys[p] = key;
        weights[p] = weight;
        own[p] = ownWeight;
        sumDLat[p] = dLat;
        sumDLng[p] = dLng;
    }

    private void grow(int sketches) {
        originLat = Arrays.copyOf(originLat, sketches);
        originLng = Arrays.copyOf(originLng, sketches);
        lngStepInverse = Arrays.copyOf(lngStepInverse, sketches);
        int slots = sketches * candidates;
        keys = Arrays.copyOf(keys, slots);
        weights = Arrays.copyOf(weights, slots);
        own = Arrays.copyOf(own, slots);
        sumDLat = Arrays.copyOf(sumDLat, slots);
        sumDLng = Arrays.copyOf(sumDLng, slots);
    }
}
