package dev.hexsnap.diff.sample;

import dev.hexsnap.core.region.City;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks the cells a run compares: for every resolution of the grid and every city asked for,
 * up to {@code cellsPerCity} of the city's hot cells, uniformly, reproducibly from a seed
 * (the same seed on the same grid picks the same cells, whatever else the grid holds).
 */
@Component
public class CellSampler {

    private final GridCells grid;

    CellSampler(GridCells grid) {
        this.grid = grid;
    }

    /**
     * @throws IllegalStateException when there is no grid to sample
     */
    public Sample sample(List<City> cities, int cellsPerCity, long seed) {
        if (!grid.present()) {
            throw new IllegalStateException("the database has no grid tables; run the grid-builder first ('./hexsnap grid')");
        }
        String build = grid.currentBuild().orElseThrow(() -> new IllegalStateException(
                "no grid build is current (grid_current is empty); run the grid-builder first ('./hexsnap grid')"));
        List<Integer> resolutions = grid.resolutions(build);
        if (resolutions.isEmpty()) {
            throw new IllegalStateException("the current grid build " + build + " holds no cells");
        }
        List<HotCell> picked = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> sampled = new ArrayList<>();
        List<Sample.Population> populations = new ArrayList<>();
        for (City city : cities) {
            boolean any = false;
            for (int resolution : resolutions) {
                List<HotCell> cells = grid.cells(build, resolution, city.slug());
                populations.add(new Sample.Population(city.slug(), resolution, cells.size()));
                if (!cells.isEmpty()) {
                    any = true;
                    picked.addAll(pick(cells, cellsPerCity, seed, city.slug(), resolution));
                }
            }
            (any ? sampled : skipped).add(city.slug());
        }
        List<Sample.Population> totals = new ArrayList<>();
        for (int resolution : resolutions) {
            totals.add(new Sample.Population("*", resolution, grid.count(build, resolution)));
        }
        return new Sample(build, resolutions, picked, sampled, skipped, populations, totals);
    }

    /** A partial Fisher-Yates shuffle seeded per city and resolution, so adding a city changes no other city's pick. */
    static List<HotCell> pick(List<HotCell> cells, int n, long seed, String city, int resolution) {
        List<HotCell> pool = new ArrayList<>(cells);
        pool.sort(Comparator.comparingLong(HotCell::cell));
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + city.hashCode() * 31L + resolution);
        int take = Math.min(n, pool.size());
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(pool.size() - i);
            HotCell swap = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, swap);
        }
        List<HotCell> chosen = new ArrayList<>(pool.subList(0, take));
        chosen.sort(Comparator.comparingLong(HotCell::cell));
        return chosen;
    }
}
