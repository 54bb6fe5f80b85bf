import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.snapshot.RequestHeat;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.snapshot.SnapshotWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The world of bench/api-outage, written exactly as the worker writes it.
 *
 * <pre>
 * seed REDIS NS RESOLUTION RINGS OUTDIR   two generations (bench-g1, bench-g2) of home pages for the cells within
 *                                         RINGS of four city centres, their request counts (RequestHeat, as the
 *                                         worker publishes them), bench-g1 published for the day slot; the gzip
 *                                         bodies as files for nginx (OUTDIR/www/c/HEX.gz); 200,000 request paths
 *                                         drawn from the counts for the API and for nginx, in the same order
 *                                         (OUTDIR/api-paths.txt, OUTDIR/nginx-paths.txt); the heat curve.
 * publish REDIS NS GENERATION            makes GENERATION the day slot's current one
 * </pre>
 *
 * Request counts: per city, 40 hotspots placed around the centre (normal, sigma 5 km) with
 * Pareto(1.2) weights; a cell counts 1 + sum over hotspots of weight * 1000 * exp(-distance / 1.5 km).
 * Heavy-tailed like real access logs: a few cells take a large share of the requests.
 */
public class SeedOutage {

    static final List<String> CITIES = List.of("shanghai", "beijing", "shenzhen", "hangzhou");
    static final int SAMPLES = 200_000;
    static final long SEED = 20261204;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("publish")) {
            try (RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.standalone(args[1], args[2]))) {
                new SnapshotStore(redis).publish(Slot.DAY, args[3], Instant.now());
            }
            return;
        }
        String node = args[1];
        String ns = args[2];
        int resolution = Integer.parseInt(args[3]);
        int rings = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        HexGrid grid = HexGrid.shared();
        Random random = new Random(SEED);

        List<RequestHeat.Cell> cells = new ArrayList<>();
        CityCatalog catalog = CityCatalog.bundled();
        for (String slug : CITIES) {
            City city = catalog.require(slug);
            double[][] hotspots = new double[40][3];
            for (double[] h : hotspots) {
                h[0] = city.centre().lat() + random.nextGaussian() * 5 / 111.0;
                h[1] = city.centre().lng() + random.nextGaussian() * 5 / (111.0 * Math.cos(Math.toRadians(city.centre().lat())));
                h[2] = Math.pow(1 - random.nextDouble(), -1 / 1.2); // Pareto, alpha 1.2
            }
            for (List<Long> ring : grid.rings(grid.cellOf(city.centre(), resolution), rings)) {
                for (long cell : ring) {
                    LatLng c = grid.center(cell);
                    double count = 1;
                    for (double[] h : hotspots) {
                        count += h[2] * 1000 * Math.exp(-km(c, h[0], h[1]) / 1.5);
                    }
                    cells.add(new RequestHeat.Cell(cell, Math.round(count)));
                }
            }
        }
        cells.sort(Comparator.comparingLong(RequestHeat.Cell::requests).reversed());
        long total = cells.stream().mapToLong(RequestHeat.Cell::requests).sum();

        JsonMapper json = JsonMapper.builder().build();
        SnapshotEntryCodec codec = new SnapshotEntryCodec(new GzipCodec());
        Path www = out.resolve("www").resolve("c");
        Files.createDirectories(www);
        long[] stored = new long[cells.size()];
        try (RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.standalone(node, ns))) {
            SnapshotStore store = new SnapshotStore(redis);
            for (String generation : List.of("bench-g1", "bench-g2")) {
                Instant now = Instant.now();
                store.describe(new GenerationInfo(generation, Slot.DAY, GenerationInfo.WRITING, now, null,
                        Integer.toString(resolution), 0, 0));
                long bytes = 0;
                try (SnapshotWriter writer = store.openWriter(generation, Duration.ofDays(1), 50)) {
                    int chunk = 64;
                    for (int from = 0; from < cells.size(); from += chunk) {
                        int to = Math.min(cells.size(), from + chunk);
                        // Pages are built and compressed on every core; the writer (one connection) writes them in order.
                        List<SnapshotEntryCodec.EncodedEntry> encoded = IntStream.range(from, to).parallel().mapToObj(i -> {
                            long cell = cells.get(i).cell();
                            LatLng at = grid.center(cell);
                            byte[] raw = json.writeValueAsBytes(SeedHomePage.homePage(at));
                            return codec.encode(new SnapshotKey.Home(resolution, cell), generation, Slot.DAY, now, cell, at, raw);
                        }).toList();
                        for (int i = from; i < to; i++) {
                            SnapshotEntryCodec.EncodedEntry entry = encoded.get(i - from);
                            writer.put(entry);
                            bytes += entry.frame().length;
                            stored[i] = entry.frame().length;
                            if (generation.equals("bench-g1")) {
                                try (OutputStream file = Files.newOutputStream(www.resolve(Long.toHexString(cells.get(i).cell()) + ".gz"))) {
                                    SnapshotEntryCodec.decode(entry.frame()).writeGzipTo(file);
                                }
                            }
                        }
                        writer.flush(); // before the next chunk is built: queued writes time out from when they are queued
                    }
                }
                store.writeHeat(generation, resolution, cells);
                store.describe(new GenerationInfo(generation, Slot.DAY, GenerationInfo.WRITING, now, null,
                        Integer.toString(resolution), cells.size(), bytes));
                System.out.printf(Locale.ROOT, "   %s: %,d home pages at resolution %d, %.1f MB stored%n",
                        generation, cells.size(), resolution, bytes / 1e6);
            }
            store.publish(Slot.DAY, "bench-g1", Instant.now());
        }

        // Requests drawn from the counts: the same draws for the API and for nginx.
        long[] cumulative = new long[cells.size()];
        long running = 0;
        for (int i = 0; i < cells.size(); i++) {
            running += cells.get(i).requests();
            cumulative[i] = running;
        }
        try (PrintWriter api = new PrintWriter(Files.newBufferedWriter(out.resolve("api-paths.txt")));
             PrintWriter nginx = new PrintWriter(Files.newBufferedWriter(out.resolve("nginx-paths.txt")))) {
            for (int s = 0; s < SAMPLES; s++) {
                long r = (long) (random.nextDouble() * total);
                int i = java.util.Arrays.binarySearch(cumulative, r + 1);
                i = i >= 0 ? i : -i - 1;
                long cell = cells.get(i).cell();
                LatLng at = grid.center(cell);
                api.printf(Locale.ROOT, "/v1/snapshots/home?lat=%.7f&lng=%.7f%n", at.lat(), at.lng());
                nginx.println("/c/" + Long.toHexString(cell) + ".gz");
            }
        }

        System.out.printf(Locale.ROOT, "   heat curve of the %,d cells (%,d requests): share of requests in the hottest N cells, and the hot cache they need%n",
                cells.size(), total);
        System.out.printf(Locale.ROOT, "   %8s %8s %10s %12s%n", "cells", "share", "requests", "cache (MB)");
        for (double top : new double[]{0.01, 0.05, 0.10, 0.20, 0.30, 0.50, 0.75, 1.0}) {
            int n = Math.max(1, (int) Math.round(cells.size() * top));
            long covered = cumulative[n - 1];
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                bytes += stored[i] + 300; // the cache's per-entry overhead and key
            }
            System.out.printf(Locale.ROOT, "   %8d %7.1f%% %10d %12.1f%n", n, 100.0 * covered / total, covered, bytes / 1e6);
        }
    }

    static double km(LatLng a, double lat, double lng) {
        double dLat = (a.lat() - lat) * 111.0;
        double dLng = (a.lng() - lng) * 111.0 * Math.cos(Math.toRadians(lat));
        return Math.sqrt(dLat * dLat + dLng * dLng);
    }
}
