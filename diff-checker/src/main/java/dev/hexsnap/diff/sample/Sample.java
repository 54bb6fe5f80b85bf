package dev.hexsnap.diff.sample;

import java.util.List;

/**
 * The cells a run compares.
 *
 * @param gridBuild      the grid build sampled
 * @param resolutions    the resolutions it holds, ascending
 * @param cells          the sampled cells, every resolution
 * @param citiesSampled  cities with at least one hot cell
 * @param citiesSkipped  cities asked for that have no hot cell in the grid
 * @param populations    hot cells per city and resolution
 * @param totals         hot cells per resolution in the whole grid (region {@code *})
 */
public record Sample(String gridBuild, List<Integer> resolutions, List<HotCell> cells, List<String> citiesSampled,
                     List<String> citiesSkipped, List<Population> populations, List<Population> totals) {

    /**
     * @param region     city slug, or {@code *} for the whole grid
     * @param resolution H3 resolution
     * @param hotCells   hot cells there
     */
    public record Population(String region, int resolution, long hotCells) {
    }

    public long hotCells(int resolution) {
        return totals.stream().filter(p -> p.resolution() == resolution).mapToLong(Population::hotCells).sum();
    }
}
