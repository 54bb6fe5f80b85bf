package dev.hexsnap.grid.build;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.grid.aggregate.Thresholds;
import dev.hexsnap.grid.points.PointSource;
import dev.hexsnap.grid.region.Area;

import java.util.List;

/**
 * What an operator asks a build for.
 *
 * @param areas       the regions, at least one, names unique
 * @param points      where the request points come from
 * @param resolutions H3 resolutions, at least one, distinct (hexsnap uses 7 and 8)
 * @param thresholds  which cells are hot
 * @param maxBadShare the share of bad lines above which the run stops and writes nothing, within [0, 1]
 */
public record BuildRequest(List<Area> areas, PointSource points, List<Integer> resolutions, Thresholds thresholds,
                           double maxBadShare) {

    public BuildRequest {
        if (areas.isEmpty()) {
            throw new IllegalArgumentException("a build needs at least one region");
        }
        if (resolutions.isEmpty() || resolutions.stream().distinct().count() != resolutions.size()) {
            throw new IllegalArgumentException("resolutions must be distinct, at least one: " + resolutions);
        }
        resolutions.forEach(HexGrid::checkResolution);
        if (!(maxBadShare >= 0 && maxBadShare <= 1)) {
            throw new IllegalArgumentException("maxBadShare must be within [0, 1], got " + maxBadShare);
        }
        areas = List.copyOf(areas);
        resolutions = List.copyOf(resolutions);
    }
}
