package dev.hexsnap.grid.aggregate;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.grid.points.PointBatch;
import dev.hexsnap.grid.points.PointSource;
import dev.hexsnap.grid.points.PointStream;
import dev.hexsnap.grid.points.ReadSummary;
import dev.hexsnap.grid.region.Area;
import dev.hexsnap.grid.region.Coverage;
import dev.hexsnap.grid.region.RegionInput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The aggregation-throughput figure of {@code bench/grid-throughput} (not a test): over the
 * same points file, in the same JVM, alternately
 * <ul>
 *   <li>the bare loop: the points already in memory (double arrays), one
 *       {@code latLngToCell} per point per resolution (7 and 8), on one thread, nothing else;</li>
 *   <li>the aggregation: what {@code grid build} does while reading: stream the gzip file,
 *       hash, parse, one {@code latLngToCell} per point per resolution, and aggregate both
 *       resolutions (cell lookup, counts, hotspot sketch), on two threads (the reader also
 *       computes the resolution-7 cells, the aggregator the resolution-8 ones and all the
 *       counting).</li>
 * </ul>
 * and prints points per second for each and their ratio (median of the rounds).
 *
 * <p>Usage: {@code AggregationThroughputBenchmark POINTS_FILE [ROUNDS]}
 */
public final class AggregationThroughputBenchmark {

    private static final int[] RESOLUTIONS = {7, 8};

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        HexGrid grid = HexGrid.shared();
        List<Area> areas = new RegionInput(CityCatalog.bundled(), System.err).sample().areas();

        double[][] points = load(file);
        int n = points[0].length;
        System.out.printf(Locale.ROOT, "points: %,d from %s; regions: the bundled sample (%d); resolutions 7 and 8%n",
                n, file, areas.size());

        // Warm-up of both, so that neither is measured cold.
        bare(grid, points);
        aggregate(grid, areas, file);

        double[] bare = new double[rounds];
        double[] aggregation = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            bare[r] = n / bare(grid, points);
            aggregation[r] = n / aggregate(grid, areas, file);
            System.out.printf(Locale.ROOT, "round %d: bare loop %,.0f points/s, aggregation %,.0f points/s%n",
                    r + 1, bare[r], aggregation[r]);
        }
        double bareMedian = median(bare);
        double aggregationMedian = median(aggregation);
        System.out.printf(Locale.ROOT, "bare latLngToCell loop (res 7 + 8, 1 thread, points in memory): %,.0f points/s%n",
                bareMedian);
        System.out.printf(Locale.ROOT, "aggregation (gzip stream + parse + res 7 + 8 counts and hotspots): %,.0f points/s%n",
                aggregationMedian);
        System.out.printf(Locale.ROOT, "ratio aggregation / bare loop: %.2f (goal: at least 0.50)%n",
                aggregationMedian / bareMedian);
    }

    /** Seconds for one pass of the bare loop. */
    private static double bare(HexGrid grid, double[][] points) {
        double[] lat = points[0];
        double[] lng = points[1];
        long start = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < lat.length; i++) {
            for (int resolution : RESOLUTIONS) {
                sink ^= grid.cellOf(lat[i], lng[i], resolution);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.println(); // keeps the calls from being optimised away
        }
        return seconds;
    }

    /** Seconds for one pass of the real aggregation over the file. */
    private static double aggregate(HexGrid grid, List<Area> areas, String file) throws InterruptedException {
        List<ResolutionAggregate> aggregates = new ArrayList<>();
        for (int resolution : RESOLUTIONS) {
            aggregates.add(new ResolutionAggregate(Coverage.of(areas, resolution, grid, 2_000_000), 75, 8));
        }
        long start = System.nanoTime();
        ReadSummary summary = new Aggregator(grid, Duration.ofSeconds(60)).aggregate(PointSource.of(file),
                Duration.ofSeconds(10), 5, aggregates, (s, v) -> {
                }, () -> false);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (summary.bad() != 0) {
            throw new IllegalStateException("the benchmark input has bad lines");
        }
        return seconds;
    }

    private static double[][] load(String file) throws InterruptedException {
        double[] lat = new double[1 << 20];
        double[] lng = new double[1 << 20];
        int n = 0;
        try (PointStream stream = PointStream.start(PointSource.of(file), Duration.ofSeconds(10), 5)) {
            while (true) {
                PointBatch batch = stream.next(60, TimeUnit.SECONDS);
                if (batch == null) {
                    throw new IllegalStateException("no points within 60 s");
                }
                for (int i = 0; i < batch.size(); i++) {
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                        lng = Arrays.copyOf(lng, n * 2);
                    }
                    lat[n] = batch.lat(i);
                    lng[n] = batch.lng(i);
                    n++;
                }
                if (batch.isLast()) {
                    break;
                }
                stream.recycle(batch);
            }
        }
        return new double[][]{Arrays.copyOf(lat, n), Arrays.copyOf(lng, n)};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
