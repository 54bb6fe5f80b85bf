package dev.hexsnap.diff.score;

import dev.hexsnap.diff.probe.PageProbe;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.sample.Sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The hexagon diff's two measures of fidelity, each estimated with a 95% confidence interval,
 * per resolution, city, page kind and page:
 * <ul>
 * <li><b>users</b>: the share of users who would see a matching page, the source's target. Each
 * sampled cell counts with its requests (the grid's {@code request_count}) times the hot cells of
 * its city it stands for; within a cell its comparisons count alike (where in the cell the users
 * stand is not known). The recommendation and the target check read this one.</li>
 * <li><b>points</b>: the share of matching point × page comparisons over the sample, every cell
 * alike: the figure of {@link FidelityScores}, now with its interval.</li>
 * </ul>
 * The sample is the diff's uniform one (cells drawn alike within each city); the user share
 * weights it afterwards rather than drawing cells in proportion to their requests, so one sample
 * gives both figures and the same seed keeps picking the same cells when the heat changes.
 *
 * @param confidence  the intervals' confidence level (0.95)
 * @param margin      the half-width {@code cellsPerCityForMargin} aims for
 * @param resolutions per resolution
 * @param cities      per resolution, per city
 * @param kinds       per resolution, per page kind ({@code home}, {@code channel})
 * @param pages       per resolution, per page ({@code home} or channel id)
 */
public record FidelityEstimates(
        double confidence,
        double margin,
        Map<Integer, Shares> resolutions,
        Map<Integer, Map<String, Shares>> cities,
        Map<Integer, Map<String, Shares>> kinds,
        Map<Integer, Map<String, Shares>> pages) {

    /**
     * The two measures of one set of comparisons.
     *
     * @param users  share of users seeing a matching page (cells weighted by their requests)
     * @param points share of matching point × page comparisons (cells alike)
     */
    public record Shares(Estimate users, Estimate points) {

        public static final Shares NONE = new Shares(Estimate.NONE, Estimate.NONE);
    }

    /**
     * @param probes      every page compared
     * @param threshold   similarity at which a page matches
     * @param populations hot cells per city and resolution, from the sample
     * @param margin      half-width the planning aims for, e.g. 0.02
     */
    public static FidelityEstimates of(List<PageProbe> probes, double threshold, List<Sample.Population> populations,
                                       double margin) {
        Map<Integer, Map<HotCell, CellCounts>> byResolution = new TreeMap<>();
        for (PageProbe probe : probes) {
            if (!probe.comparison().scored()) {
                continue;
            }
            CellCounts counts = byResolution.computeIfAbsent(probe.cell().resolution(), r -> new LinkedHashMap<>())
                    .computeIfAbsent(probe.cell(), c -> new CellCounts());
            boolean match = probe.comparison().similarity() >= threshold;
            counts.add("", match);
            counts.add("kind:" + probe.kind().id(), match);
            counts.add("page:" + probe.page(), match);
        }
        Map<Integer, Map<String, Long>> hotCells = new HashMap<>();
        populations.forEach(p -> hotCells.computeIfAbsent(p.resolution(), r -> new HashMap<>()).put(p.region(), p.hotCells()));

        RatioEstimator users = new RatioEstimator(true, margin);
        RatioEstimator points = new RatioEstimator(false, margin);
        Map<Integer, Shares> resolutions = new TreeMap<>();
        Map<Integer, Map<String, Shares>> cities = new TreeMap<>();
        Map<Integer, Map<String, Shares>> kinds = new TreeMap<>();
        Map<Integer, Map<String, Shares>> pages = new TreeMap<>();
        byResolution.forEach((res, cells) -> {
            Map<String, Long> population = hotCells.getOrDefault(res, Map.of());
            Domain all = new Domain(cells, population, users, points);
            resolutions.put(res, all.shares("", c -> true));
            Map<String, Shares> perCity = new TreeMap<>();
            cells.keySet().stream().map(HotCell::region).distinct().forEach(city ->
                    perCity.put(city, all.shares("", c -> c.region().equals(city))));
            cities.put(res, perCity);
            kinds.put(res, all.each("kind:"));
            pages.put(res, all.each("page:"));
        });
        return new FidelityEstimates(0.95, margin, resolutions, cities, kinds, pages);
    }

    /** The estimates of a resolution, {@link Shares#NONE} when it was not compared. */
    public Shares resolution(int resolution) {
        return resolutions.getOrDefault(resolution, Shares.NONE);
    }

    /** Whether the resolution's share of users reaches {@code target}. */
    public boolean meets(int resolution, double target) {
        Estimate users = resolution(resolution).users();
        return users.known() && users.share() >= target;
    }

    /** Comparisons and matches of one cell, overall ("") and per {@code kind:} and {@code page:} key. */
    private static final class CellCounts {
        private final Map<String, long[]> counts = new HashMap<>();

        void add(String key, boolean match) {
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            if (match) {
                c[1]++;
            }
        }

        long comparisons(String key) {
            long[] c = counts.get(key);
            return c == null ? 0 : c[0];
        }

        long matches(String key) {
            long[] c = counts.get(key);
            return c == null ? 0 : c[1];
        }
    }

    /** The sampled cells of one resolution, from which any part (a city, a page) is estimated. */
    private record Domain(Map<HotCell, CellCounts> cells, Map<String, Long> population, RatioEstimator users,
                          RatioEstimator points) {

        /**
         * A part of the comparisons (a page, a kind): every sampled cell stays in the sample, with
         * nothing to count where the part is absent, as domain estimation requires.
         */
        Shares shares(String key, Predicate<HotCell> cellsOf) {
            List<RatioEstimator.Unit> byUsers = new ArrayList<>();
            List<RatioEstimator.Unit> byPoints = new ArrayList<>();
            Map<String, Long> strata = new HashMap<>();
            cells.forEach((cell, counts) -> {
                if (!cellsOf.test(cell)) {
                    return;
                }
                strata.put(cell.region(), population.getOrDefault(cell.region(), 0L));
                long comparisons = counts.comparisons(key);
                long matches = counts.matches(key);
                double share = comparisons == 0 ? 0 : (double) matches / comparisons;
                double requests = comparisons == 0 ? 0 : cell.requestCount();
                byUsers.add(new RatioEstimator.Unit(cell.region(), requests * share, requests));
                byPoints.add(new RatioEstimator.Unit(cell.region(), matches, comparisons));
            });
            return new Shares(users.estimate(byUsers, strata), points.estimate(byPoints, strata));
        }

        /** One entry per key with the prefix, e.g. every page. */
        Map<String, Shares> each(String prefix) {
            TreeSet<String> keys = new TreeSet<>();
            cells.values().forEach(c -> c.counts.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add));
            Map<String, Shares> out = new TreeMap<>();
            keys.forEach(k -> out.put(k.substring(prefix.length()), shares(k, c -> true)));
            return out;
        }
    }
}
