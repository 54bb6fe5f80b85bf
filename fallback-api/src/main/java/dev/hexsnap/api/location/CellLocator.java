package dev.hexsnap.api.location;

import dev.hexsnap.api.error.ApiException;
import dev.hexsnap.api.negotiation.FallbackKind;
import dev.hexsnap.api.negotiation.Served;
import dev.hexsnap.api.source.SnapshotReader;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the snapshot of a location page for a point.
 *
 * <ol>
 *   <li>the point's cell at the served resolution ({@code exact});</li>
 *   <li>the nearest hot cell within {@code rings} rings, ring by ring, one MGET per ring
 *       ({@code neighbour}); "nearest" by distance from the point to the hotspot the page was
 *       fetched for (the cell centre when the entry has none);</li>
 *   <li>the same search at the generation's other resolutions, coarser ones first, nearest
 *       resolution first ({@code coarser}), then finer ones ({@code finer}).</li>
 * </ol>
 * Thread-safe.
 */
final class CellLocator {

    /** Makes the key of a page at a resolution and cell. */
    @FunctionalInterface
    interface KeyMaker {
        SnapshotKey key(int resolution, long cell);
    }

    private final HexGrid grid;
    private final SnapshotReader reader;
    private final int resolution;
    private final int rings;

    CellLocator(HexGrid grid, SnapshotReader reader, int resolution, int rings) {
        this.grid = grid;
        this.reader = reader;
        this.resolution = resolution;
        this.rings = rings;
    }

    int resolution() {
        return resolution;
    }

    /**
     * @param resolutions the resolutions the generation covers (may be empty: then only the served one)
     * @throws ApiException 404 {@code no-snapshot} when nothing is found
     */
    Served locate(String generation, List<Integer> resolutions, LatLng point, KeyMaker keys, String what) {
        long requested = grid.cellOf(point, resolution);
        Optional<Served> found = search(generation, point, resolution, requested, keys, FallbackKind.NEIGHBOUR, requested);
        if (found.isPresent()) {
            return found.get();
        }
        for (int other : otherResolutions(resolutions)) {
            FallbackKind kind = other < resolution ? FallbackKind.COARSER : FallbackKind.FINER;
            found = search(generation, point, other, grid.cellOf(point, other), keys, kind, requested);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw ApiException.notFound("no-snapshot", "no " + what + " snapshot for cell " + Long.toHexString(requested)
                + " (resolution " + resolution + ") or within " + rings + " rings of it, in generation " + generation
                + (otherResolutions(resolutions).isEmpty() ? "" : " at resolutions " + resolutions));
    }

    private Optional<Served> search(String generation, LatLng point, int res, long cell, KeyMaker keys,
                                    FallbackKind around, long requested) {
        SnapshotKey exact = keys.key(res, cell);
        Optional<SnapshotEntry> entry = reader.read(generation, exact);
        if (entry.isPresent()) {
            FallbackKind kind = res == resolution ? FallbackKind.EXACT : around;
            return Optional.of(new Served(entry.get(), exact, kind, requested, cell));
        }
        if (rings == 0) {
            return Optional.empty();
        }
        List<List<Long>> disk = grid.rings(cell, rings);
        for (int k = 1; k < disk.size(); k++) {
            List<Long> ring = disk.get(k);
            List<SnapshotKey> ringKeys = new ArrayList<>(ring.size());
            for (long neighbour : ring) {
                ringKeys.add(keys.key(res, neighbour));
            }
            List<Optional<SnapshotEntry>> entries = reader.readAll(generation, ringKeys);
            Served nearest = null;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).isEmpty()) {
                    continue;
                }
                SnapshotEntry candidate = entries.get(i).get();
                LatLng where = candidate.metadata().hotspot() != null ? candidate.metadata().hotspot() : grid.center(ring.get(i));
                double distance = point.distanceMetres(where);
                if (distance < best) {
                    best = distance;
                    nearest = new Served(candidate, ringKeys.get(i), around, requested, ring.get(i));
                }
            }
            if (nearest != null) {
                return Optional.of(nearest);
            }
        }
        return Optional.empty();
    }

    /** The generation's other resolutions: coarser ones nearest first, then finer ones nearest first. */
    List<Integer> otherResolutions(List<Integer> resolutions) {
        List<Integer> coarser = new ArrayList<>();
        List<Integer> finer = new ArrayList<>();
        for (int r : resolutions) {
            if (r < resolution) {
                coarser.add(r);
            } else if (r > resolution) {
                finer.add(r);
            }
        }
        coarser.sort((a, b) -> b - a);
        finer.sort(Integer::compare);
        List<Integer> all = new ArrayList<>(coarser);
        all.addAll(finer);
        return all;
    }
}
