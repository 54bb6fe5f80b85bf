package dev.hexsnap.grid.region;

import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.Region;

import java.util.List;

/**
 * Computes the cells that cover regions: H3 polygon fill with centre containment (a cell
 * belongs to a region when its centre lies inside). Where regions overlap, the cell goes to
 * the region named first. A region too small to contain any cell centre still gets the
 * cell under its centre, so that its points are not silently dropped.
 */
public final class Coverage {

    private Coverage() {
    }

    /**
     * @param maxCells refuse regions that would need more cells than this (memory guard)
     * @throws UsageException when the regions need more than {@code maxCells} cells
     */
    public static CellIndex of(List<Area> areas, int resolution, HexGrid grid, int maxCells) {
        String[] names = areas.stream().map(Area::name).toArray(String[]::new);
        CellIndex.Builder cells = new CellIndex.Builder(resolution, names);
        for (int r = 0; r < areas.size(); r++) {
            Area area = areas.get(r);
            for (Region.Shape shape : area.shapes()) {
                double estimate = areaKm2(shape.outline()) / grid.averageAreaKm2(resolution);
                if (cells.size() + estimate > maxCells * 1.2) {
                    // Refuse before H3 allocates the cells of a province at resolution 8.
                    throw tooMany(maxCells, resolution, area);
                }
                List<Long> filled = grid.cellsInPolygon(shape.outline(), resolution);
                if (filled.isEmpty()) {
                    LatLng anchor = area.anchor(shape);
                    filled = List.of(grid.cellOf(anchor, resolution));
                }
                for (long cell : filled) {
                    cells.add(cell, r);
                }
                if (cells.size() > maxCells) {
                    throw tooMany(maxCells, resolution, area);
                }
            }
        }
        return cells.build();
    }

    private static UsageException tooMany(int maxCells, int resolution, Area area) {
        return new UsageException(String.format(java.util.Locale.ROOT, "the regions need more than %,d cells at "
                + "resolution %d (stopped at region '%s'): cover less, or raise hexsnap.grid.max-covering-cells "
                + "if the memory allows", maxCells, resolution, area.name()));
    }

    /** Area of a city-sized polygon in km², on a local equirectangular projection (a few % off at most). */
    static double areaKm2(List<LatLng> outline) {
        double midLat = 0;
        for (LatLng p : outline) {
            midLat += p.lat();
        }
        double kmPerDegreeLng = 111.32 * Math.cos(Math.toRadians(midLat / outline.size()));
        double twice = 0;
        for (int i = 0, j = outline.size() - 1; i < outline.size(); j = i++) {
            LatLng a = outline.get(j);
            LatLng b = outline.get(i);
            twice += (a.lng() * kmPerDegreeLng) * (b.lat() * 111.32) - (b.lng() * kmPerDegreeLng) * (a.lat() * 111.32);
        }
        return Math.abs(twice) / 2;
    }
}
