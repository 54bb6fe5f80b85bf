package dev.hexsnap.diff.score;

import dev.hexsnap.diff.probe.PageProbe;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.similarity.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hexagon diff's figures: share of matching points and mean similarity, per resolution,
 * per city, per page kind and page, per cell and point, and the mean overlap per floor.
 *
 * @param threshold    similarity at which a point's page matches
 * @param overall      every comparison
 * @param resolutions  per resolution
 * @param cities       per resolution, per city
 * @param kinds        per resolution, per page kind ({@code home}, {@code channel})
 * @param pages        per resolution, per page ({@code home} or channel id)
 * @param floors       per resolution, per {@code kind/floorId}: mean overlap of the floor's items
 * @param verdicts     per resolution, how many comparisons had each verdict
 * @param cells        per cell, worst first
 */
public record FidelityScores(
        double threshold,
        Score overall,
        Map<Integer, Score> resolutions,
        Map<Integer, Map<String, Score>> cities,
        Map<Integer, Map<String, Score>> kinds,
        Map<Integer, Map<String, Score>> pages,
        Map<Integer, Map<String, FloorOverlap>> floors,
        Map<Integer, Map<Verdict, Long>> verdicts,
        List<CellScore> cells) {

    /**
     * @param meanOverlap mean Jaccard overlap of the floor's items over the comparisons that had it
     * @param comparisons how many comparisons had the floor on either side
     */
    public record FloorOverlap(double meanOverlap, long comparisons) {
    }

    public static FidelityScores of(List<PageProbe> probes, double threshold) {
        Tally overall = new Tally();
        Map<Integer, Tally> byResolution = new TreeMap<>();
        Map<Integer, Map<String, Tally>> byCity = new TreeMap<>();
        Map<Integer, Map<String, Tally>> byKind = new TreeMap<>();
        Map<Integer, Map<String, Tally>> byPage = new TreeMap<>();
        Map<Integer, Map<String, double[]>> byFloor = new TreeMap<>();
        Map<Integer, Map<Verdict, Long>> verdicts = new TreeMap<>();
        Map<HotCell, Tally> byCell = new LinkedHashMap<>();
        Map<HotCell, Map<Integer, Tally>> byPoint = new LinkedHashMap<>();
        Map<HotCell, Map<Integer, PageProbe>> pointOf = new LinkedHashMap<>();
        Map<HotCell, PageProbe> worstOf = new LinkedHashMap<>();

        for (PageProbe probe : probes) {
            int res = probe.cell().resolution();
            var c = probe.comparison();
            overall.add(c, threshold);
            byResolution.computeIfAbsent(res, r -> new Tally()).add(c, threshold);
            byCity.computeIfAbsent(res, r -> new TreeMap<>()).computeIfAbsent(probe.cell().region(), k -> new Tally()).add(c, threshold);
            byKind.computeIfAbsent(res, r -> new TreeMap<>()).computeIfAbsent(probe.kind().id(), k -> new Tally()).add(c, threshold);
            byPage.computeIfAbsent(res, r -> new TreeMap<>()).computeIfAbsent(probe.page(), k -> new Tally()).add(c, threshold);
            verdicts.computeIfAbsent(res, r -> new EnumMap<>(Verdict.class)).merge(c.verdict(), 1L, Long::sum);
            for (var floor : c.floors().entrySet()) {
                double[] sum = byFloor.computeIfAbsent(res, r -> new TreeMap<>())
                        .computeIfAbsent(probe.kind().id() + "/" + floor.getKey(), k -> new double[2]);
                sum[0] += floor.getValue();
                sum[1]++;
            }
            byCell.computeIfAbsent(probe.cell(), k -> new Tally()).add(c, threshold);
            byPoint.computeIfAbsent(probe.cell(), k -> new TreeMap<>())
                    .computeIfAbsent(probe.pointIndex(), k -> new Tally()).add(c, threshold);
            pointOf.computeIfAbsent(probe.cell(), k -> new TreeMap<>()).putIfAbsent(probe.pointIndex(), probe);
            if (c.scored() && c.similarity() < threshold) {
                PageProbe worst = worstOf.get(probe.cell());
                if (worst == null || c.similarity() < worst.comparison().similarity()) {
                    worstOf.put(probe.cell(), probe);
                }
            }
        }

        List<CellScore> cells = new ArrayList<>();
        for (var cell : byCell.entrySet()) {
            List<CellScore.PointScore> points = new ArrayList<>();
            for (var point : byPoint.get(cell.getKey()).entrySet()) {
                PageProbe any = pointOf.get(cell.getKey()).get(point.getKey());
                points.add(new CellScore.PointScore(any.point().label(), any.point().point(), point.getValue().score()));
            }
            PageProbe worst = worstOf.get(cell.getKey());
            cells.add(new CellScore(cell.getKey(), cell.getValue().score(), List.copyOf(points),
                    worst == null ? "" : worst.point().label() + " " + worst.page()));
        }
        cells.sort(Comparator.comparingDouble((CellScore s) -> s.score().comparisons() == 0 ? 2 : s.score().matchShare())
                .thenComparingDouble(s -> s.score().meanSimilarity())
                .thenComparingInt(s -> s.cell().resolution())
                .thenComparingLong(s -> s.cell().cell()));

        Map<Integer, Map<String, FloorOverlap>> floors = new TreeMap<>();
        byFloor.forEach((res, map) -> {
            Map<String, FloorOverlap> out = new TreeMap<>();
            map.forEach((floor, sum) -> out.put(floor, new FloorOverlap(sum[0] / sum[1], (long) sum[1])));
            floors.put(res, out);
        });
        return new FidelityScores(threshold, overall.score(), scores(byResolution), nested(byCity), nested(byKind),
                nested(byPage), floors, verdicts, List.copyOf(cells));
    }

    private static Map<Integer, Score> scores(Map<Integer, Tally> tallies) {
        Map<Integer, Score> out = new TreeMap<>();
        tallies.forEach((k, v) -> out.put(k, v.score()));
        return out;
    }

    private static Map<Integer, Map<String, Score>> nested(Map<Integer, Map<String, Tally>> tallies) {
        Map<Integer, Map<String, Score>> out = new TreeMap<>();
        tallies.forEach((res, map) -> {
            Map<String, Score> inner = new TreeMap<>();
            map.forEach((k, v) -> inner.put(k, v.score()));
            out.put(res, inner);
        });
        return out;
    }

    /** The score of a resolution, {@link Score#NONE} when it was not probed. */
    public Score resolution(int resolution) {
        return resolutions.getOrDefault(resolution, Score.NONE);
    }
}
