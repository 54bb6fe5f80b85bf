package dev.hexsnap.diff;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.diff.cli.DiffCommandLine;
import dev.hexsnap.upstream.DemoUpstream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark behind {@code bench/diff-39-cities}: a grid of hot cells around every core city,
 * a published generation crawled from an in-process upstream, then one timed diff run of
 * N cities × M cells × 7 points per resolution, bounded by the request ceiling. Prints figures;
 * asserts nothing (it is not a test).
 */
public final class DiffBenchmark {

    private DiffBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cities = intArg(args, "--cities", 39);
        int cells = intArg(args, "--cells-per-city", 10);
        int rps = intArg(args, "--rps", 800);
        int concurrency = intArg(args, "--concurrency", 24);
        List<Integer> resolutions = new ArrayList<>();
        for (String r : stringArg(args, "--resolutions", "7,8").split(",")) {
            resolutions.add(Integer.parseInt(r.trim()));
        }
        Path out = Path.of(stringArg(args, "--out", "target/bench-diff-39-cities"));
        Instant at = Instant.parse("2026-11-23T04:00:00Z");

        List<City> core = CityCatalog.bundled().core(cities);
        System.out.printf(Locale.ROOT, "setting up: %d cities, resolutions %s, %d cells per city and resolution%n", cities, resolutions, cells);
        int homeBytes = intArg(args, "--home-page-bytes", 12_000);
        int channelBytes = intArg(args, "--channel-page-bytes", 8_000);
        System.out.printf(Locale.ROOT, "demo upstream in process: %d cities, pages of %,d bytes (home) and %,d bytes (channel)%n",
                cities, homeBytes, channelBytes);
        try (DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().seed(42).cities(cities)
                .homePageBytes(homeBytes).channelPageBytes(channelBytes));
             SnapshotFixture fixture = SnapshotFixture.create("bench")) {
            List<SnapshotFixture.GridRow> rows = new ArrayList<>();
            for (City city : core) {
                for (int resolution : resolutions) {
                    // exactly `cells` hot cells per city and resolution, so that the diff samples them all
                    // and the fixture crawls no cell the diff does not read
                    List<SnapshotFixture.GridRow> around = fixture.cellsAround(city.slug(), city.centre(), resolution, 4);
                    rows.addAll(around.subList(0, Math.min(cells, around.size())));
                }
            }
            fixture.switchGrid("bench", rows);
            long crawlStart = System.nanoTime();
            // store pages of the 60 stores shown in the most cells only: the store diff reads the top 30
            SnapshotFixture.Published published = fixture.publish("bench", Slot.DAY, at, upstream.baseUrl(), rows,
                    SnapshotFixture.GridRow::hotspot, 60);
            System.out.printf(Locale.ROOT, "published generation 'bench': %,d entries for %,d cells and %,d stores in %.1f s (not part of the figure)%n",
                    published.pages(), rows.size(), published.stores().size(), (System.nanoTime() - crawlStart) / 1e9);

            List<String> diffArgs = new ArrayList<>(List.of("run", "--upstream", upstream.baseUrl(), "--at", at.toString(),
                    "--cities", Integer.toString(cities), "--cells-per-city", Integer.toString(cells),
                    "--rps", Integer.toString(rps), "--concurrency", Integer.toString(concurrency), "--out", out.toString()));
            diffArgs.addAll(fixture.springArguments());
            long start = System.nanoTime();
            int status = DiffCommandLine.run(diffArgs.toArray(String[]::new), System.out, System.err);
            double wall = (System.nanoTime() - start) / 1e9;
            if (status != 0) {
                System.err.println("diff failed with status " + status);
                System.exit(status);
            }
            JsonNode report = JsonMapper.builder().build().readTree(Files.readAllBytes(out.resolve("report.json")));
            JsonNode ceiling = report.at("/upstream/ceiling");
            double probe = report.at("/upstream/probeSeconds").asDouble();
            System.out.println();
            System.out.println("== bench diff-39-cities ==");
            System.out.printf(Locale.ROOT, "cities x cells x points : %d x %d x 7 per resolution, resolutions %s%n", cities, cells, resolutions);
            System.out.printf(Locale.ROOT, "points probed           : %,d (%,d page comparisons)%n",
                    report.at("/sampling/points").asLong(), report.at("/sampling/comparisons").asLong());
            System.out.printf(Locale.ROOT, "probing                 : %.1f s (%s 60 s)%n", probe, probe <= 60 ? "within" : "OVER");
            System.out.printf(Locale.ROOT, "whole run (incl. store diff, cost scan, reports, JVM-side Spring start): %.1f s%n", wall);
            System.out.printf(Locale.ROOT, "requests                : %,d, mean %.1f/s%n", ceiling.at("/requests").asLong(), ceiling.at("/meanRate").asDouble());
            System.out.printf(Locale.ROOT, "ceiling                 : %.0f/s and %d in flight; observed peak %d in any second, %d in flight: %s%n",
                    ceiling.at("/requestsPerSecond").asDouble(), ceiling.at("/maxConcurrent").asInt(), ceiling.at("/peakPerSecond").asInt(),
                    ceiling.at("/peakInFlight").asInt(), report.at("/upstream/ceilingHeld").asBoolean() ? "HELD" : "EXCEEDED");
            System.out.printf(Locale.ROOT, "failed requests         : %d%n", report.at("/upstream/failedRequests").asLong());
            System.out.println("report                  : " + out.resolve("report.html").toAbsolutePath().normalize());
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
