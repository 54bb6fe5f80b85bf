package dev.hexsnap.demo;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.Command;
import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.Option;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.demo.drill.DrillReport;
import dev.hexsnap.demo.drill.DrillSettings;
import dev.hexsnap.demo.drill.OutageDrill;
import dev.hexsnap.demo.pipeline.DemoHomeLock;
import dev.hexsnap.demo.pipeline.DemoSettings;
import dev.hexsnap.demo.pipeline.NightlyPipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./hexsnap demo} and {@code ./hexsnap drill}.
 */
public final class DemoProgram {

    private static final List<Option> WORLD = List.of(
            Option.of("cities", "N", "the first N core cities (largest markets first)", "3"),
            Option.of("points", "N", "request-heat points the grid is built from", "200000"),
            Option.of("seed", "N", "the demo world's seed", "42"),
            Option.of("home-page-bytes", "N", "home page size before gzip (the source: ~600 KB; smaller keeps the demo quick)", "60000"),
            Option.of("channel-page-bytes", "N", "channel page size before gzip (the source: ~400 KB)", "40000"),
            Option.of("store-scale", "X", "multiplies the stores per city", "0.5"),
            Option.of("top-share", "S", "the grid keeps the hottest cells holding this share of requests", "0.9"),
            Option.of("rps", "N", "ceiling on requests per second to the upstream (crawl and diff)", "400"),
            Option.of("concurrency", "N", "ceiling on upstream requests in flight", "16"),
            Option.of("home", "DIR", "where the demo keeps embedded data, heat, logs and reports", ".hexsnap/demo"),
            Option.flag("fresh", "crawl a new generation even if today's is already published"));

    static Command command() {
        Command demo = Command.named("hexsnap demo", "Run the whole nightly pipeline on a small world: start the demo upstream, "
                + "build the grid (resolutions 7 and 8), crawl and publish a generation, start the fallback API, run the diff, "
                + "and print a summary, where the report is and requests to try. Uses an embedded MariaDB and Redis unless a "
                + "database or Redis is configured; a second run reuses what the first built.");
        WORLD.forEach(demo::option);
        demo.option(Option.of("cells-per-city", "N", "hot cells the diff samples per city and resolution", "10"))
                .option(Option.of("upstream-port", "PORT", "port of the demo upstream (another when taken)", "8081"))
                .option(Option.of("api-port", "PORT", "port of the fallback API (another when taken)", "8080"))
                .option(Option.flag("exit", "stop everything after the summary instead of serving until Ctrl-C"))
                .epilogue("""
                        Examples:
                          ./hexsnap demo                                   # embedded services, 3 cities
                          ./hexsnap demo --cities 6 --exit
                          SPRING_DATASOURCE_URL=jdbc:mysql://127.0.0.1:3306/hexsnap HEXSNAP_REDIS_NODES=127.0.0.1:6379 ./hexsnap demo
                        """);
        Command drill = Command.named("hexsnap drill", "Play an outage against the SOA path: users open the home page through the "
                + "fallback client (live upstream first, then the fallback API) while the upstream goes from live to empty "
                + "answers to a full outage and back; reports second by second who got a page and from where. Brings the "
                + "pipeline up first (reusing what an earlier demo built).");
        WORLD.forEach(drill::option);
        drill.option(Option.of("phase-seconds", "N", "how long each of the four phases lasts", "10"))
                .option(Option.of("rate", "N", "user requests per second", "40"))
                .option(Option.of("users", "N", "simulated users", "500"))
                .option(Option.of("returning-share", "S", "share of requests from users whose app holds a cached home page", "0.5"))
                .option(Option.of("upstream-port", "PORT", "port of the demo upstream (another when taken)", "8081"))
                .option(Option.of("api-port", "PORT", "port of the fallback API (another when taken)", "8080"));
        return Command.named("hexsnap", "The one-command pipeline and the outage drill.")
                .subcommand("demo", demo)
                .subcommand("drill", drill);
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        return CommandLineProgram.execute(command(), args, arguments -> switch (arguments.subcommand()) {
            case "demo" -> demo(arguments, out);
            case "drill" -> drill(arguments, out);
            default -> throw new IllegalStateException("unknown command " + arguments.subcommand());
        }, out, err);
    }

    static DemoSettings settings(Arguments a) {
        return new DemoSettings(Path.of(a.require("home")).toAbsolutePath(),
                a.getInt("cities", 1, 39), a.getInt("points", 1000, 50_000_000), a.getLong("seed", 0, Long.MAX_VALUE),
                a.getInt("home-page-bytes", 2_000, 5_000_000), a.getInt("channel-page-bytes", 2_000, 5_000_000),
                a.getDouble("store-scale", 0.05, 10), a.getDouble("top-share", 0.01, 1), a.getInt("rps", 1, 100_000),
                a.getInt("concurrency", 1, 1024), a.has("cells-per-city") ? a.getInt("cells-per-city", 1, 1000) : 10,
                a.getInt("upstream-port", 1, 65535), a.getInt("api-port", 1, 65535), a.flag("fresh"), Duration.ofHours(2));
    }

    private static int demo(Arguments a, PrintStream out) throws InterruptedException {
        DemoSettings settings = settings(a);
        DemoHomeLock home = DemoHomeLock.acquire(settings.home(), "demo");
        NightlyPipeline pipeline = new NightlyPipeline(settings, repositoryRoot(), a.properties(), out);
        Thread stopper = new Thread(() -> {
            pipeline.close();
            home.close();
        }, "hexsnap-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            pipeline.run(true);
            home.serving(pipeline.apiUrl(), pipeline.upstreamUrl());
            pipeline.printSummary();
            if (!a.flag("exit")) {
                out.println();
                out.println("Serving: demo upstream " + pipeline.upstreamUrl() + ", fallback API " + pipeline.apiUrl()
                        + ". Press Ctrl-C to stop.");
                new CountDownLatch(1).await();
            }
            return CommandLineProgram.OK;
        } finally {
            pipeline.close();
            home.close();
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }

    private static int drill(Arguments a, PrintStream out) {
        DemoSettings settings = settings(a);
        DrillSettings drill = new DrillSettings(Duration.ofSeconds(a.getInt("phase-seconds", 1, 3600)),
                a.getInt("rate", 1, 5000), a.getInt("users", 1, 10_000_000), a.getDouble("returning-share", 0, 1),
                Duration.ofMillis(800), settings.seed());
        try (DemoHomeLock home = DemoHomeLock.acquire(settings.home(), "drill");
             NightlyPipeline pipeline = new NightlyPipeline(settings, repositoryRoot(), a.properties(), out)) {
            pipeline.requireCallerToken();
            pipeline.run(false);
            home.serving(pipeline.apiUrl(), pipeline.upstreamUrl());
            out.println();
            out.println("== outage drill " + "=".repeat(59));
            out.printf("  %d requests/s from %d users (%.0f%% returning with a cached home page), %d s per phase%n",
                    drill.requestsPerSecond(), drill.users(), drill.returningShare() * 100, drill.phase().toSeconds());
            List<LatLng> places = userPlaces(pipeline, drill.users(), drill.seed());
            DrillReport report = new OutageDrill(drill, pipeline.upstreamUrl(), pipeline.upstreamToken(), pipeline.apiUrl(),
                    pipeline.callerToken(), places, out).run();
            out.println();
            report.print(out, OutageDrill.PHASES.stream().map(OutageDrill.Phase::name).toList());
            out.println();
            if (report.withoutPage() == 0) {
                out.printf("PASS: all %,d requests got a page (live, fallback snapshot or client cache).%n", report.requests());
                return CommandLineProgram.OK;
            }
            out.printf("FAIL: %,d of %,d requests ended without a page.%n", report.withoutPage(), report.requests());
            return CommandLineProgram.FAILED;
        }
    }

    /** The repository whose stage jars are run: the working directory, as ./hexsnap sets it. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("hexsnap.root", "")).toAbsolutePath().normalize();
    }

    /**
     * Where users stand: near the hotspots of the grid's resolution-7 hot cells (the resolution
     * the fallback API serves by default), each point checked to lie in its cell.
     */
    static List<LatLng> userPlaces(NightlyPipeline pipeline, int users, long seed) {
        List<long[]> cells = new ArrayList<>();
        List<LatLng> hotspots = new ArrayList<>();
        var services = pipeline.services();
        try (Connection c = DriverManager.getConnection(services.jdbcUrl(), services.dbUser(), services.dbPassword());
             PreparedStatement s = c.prepareStatement("select g.cell_id, g.hotspot_lat, g.hotspot_lng from grid_cell g "
                     + "join grid_current cur on cur.build_id = g.build_id and cur.id = 1 where g.resolution = 7 order by g.cell_seq")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    cells.add(new long[]{rs.getLong(1)});
                    hotspots.add(new LatLng(rs.getDouble(2), rs.getDouble(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the grid: " + e.getMessage(), e);
        }
        HexGrid grid = HexGrid.shared();
        Random random = new Random(seed);
        List<LatLng> places = new ArrayList<>(users);
        for (int i = 0; i < users && !cells.isEmpty(); i++) {
            int k = random.nextInt(cells.size());
            LatLng hotspot = hotspots.get(k);
            // Within ~150 m of the hotspot, where the cell's requests concentrate.
            LatLng place = new LatLng(hotspot.lat() + (random.nextDouble() - 0.5) * 0.0027,
                    hotspot.lng() + (random.nextDouble() - 0.5) * 0.0031);
            places.add(grid.contains(cells.get(k)[0], place) ? place : hotspot);
        }
        return places;
    }
}
