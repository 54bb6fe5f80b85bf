package dev.hexsnap.grid.cli;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.Command;
import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.Option;
import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.grid.aggregate.Thresholds;
import dev.hexsnap.grid.build.BuildReport;
import dev.hexsnap.grid.build.BuildRequest;
import dev.hexsnap.grid.build.GridBuilder;
import dev.hexsnap.grid.config.GridBuilderSettings;
import dev.hexsnap.grid.persist.GridStore;
import dev.hexsnap.grid.points.PointSource;
import dev.hexsnap.grid.region.Area;
import dev.hexsnap.grid.region.RegionInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code hexsnap grid}: parses the command line before anything else (so {@code --help} and
 * usage errors are instant and need no database), checks what it can without Spring (cities,
 * files), then starts Spring with the database and runs the command.
 *
 * <p>Exit status: 0 done; 1 the run failed (database, network, interrupted); 2 bad usage or
 * bad input (unknown city, missing file, empty input, too many bad lines...). Arguments of
 * the form {@code --some.property=value} are Spring properties (e.g.
 * {@code --spring.datasource.url=...}) and go to Spring untouched.
 */
public final class GridCommandLine {

    /** Status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
    public static final int INTERRUPTED = 130;

    private static final Logger log = LoggerFactory.getLogger(GridCommandLine.class);

    private final Class<?> application;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private volatile boolean interrupted;

    /**
     * @param application the Spring Boot application class to start for a command
     */
    public GridCommandLine(Class<?> application, PrintStream out, PrintStream err) {
        this.application = application;
        this.out = out;
        this.err = err;
        this.terminal = err == System.err && isTerminal();
    }

    /**
     * Whether the console is a terminal, so that progress may be rewritten in place. From JDK
     * 22, {@code System.console()} exists even when redirected and {@code Console.isTerminal()}
     * tells; on JDK 21 a console exists only for a terminal.
     */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Runs a command; returns its exit status. */
    public int run(String[] args) {
        return CommandLineProgram.execute(command(), args, arguments -> switch (arguments.subcommand()) {
            case "build" -> build(arguments, arguments.springArguments());
            case "status" -> status(arguments, arguments.springArguments());
            case "list" -> list(arguments, arguments.springArguments());
            default -> throw new UsageException("unknown command '" + arguments.subcommand() + "'");
        }, out, err);
    }

    /** Whether the last run was stopped by the JVM's shutdown (Ctrl-C, SIGTERM). */
    public boolean interrupted() {
        return interrupted;
    }

    /** The command-line definition; public so that deployment files can be checked against it. */
    public static Command command() {
        Command build = Command.named("hexsnap grid build",
                        "Build the grid: the H3 cells covering the regions, their request counts and hotspots, from one "
                                + "pass over the request points; write the hot cells to MySQL and make the build current.")
                .option(Option.of("cities", "LIST", "catalog cities as circles around their centres, e.g. shanghai,beijing", null))
                .option(Option.of("radius-km", "KM", "radius of the --cities circles (and of CSV regions without one)", "15"))
                .option(Option.of("regions", "FILE", "regions: GeoJSON FeatureCollection of Polygon/MultiPolygon with a 'name', "
                        + "or CSV name,lat,lng[,radius_km]", null))
                .option(Option.of("points", "FILE|URL|-", "request points, CSV lat,lng[,count] (header optional, gzip "
                        + "recognised); http(s) URLs are streamed; - reads stdin", null))
                .option(Option.flag("sample", "use the bundled sample points, and the sample regions unless --cities or "
                        + "--regions is given"))
                .option(Option.of("resolutions", "LIST", "H3 resolutions", "7,8"))
                .option(Option.of("min-count", "N", "leave out cells with fewer requests", "1"))
                .option(Option.of("top-share", "S", "keep only the hottest cells that hold this share of the requests, (0, 1]", "1"))
                .option(Option.of("max-bad-share", "S", "stop and write nothing when a larger share of the lines is bad", "0.01"))
                .epilogue("""
                        A point counts for a resolution when its cell at that resolution covers a region (the cells
                        whose centre lies in a region); the others are reported as outside. Cells without requests
                        are never kept. The build id comes from the points' content, the regions and the settings:
                        re-running the same input rewrites the same build, and only a complete build becomes current.

                        Examples:
                          ./hexsnap grid build --sample
                          ./hexsnap grid build --cities shanghai,beijing --points access-heat.csv.gz --top-share 0.95
                          ./hexsnap grid build --regions cities.geojson --points http://127.0.0.1:8080/heat.csv

                        Database: --spring.datasource.url=jdbc:mysql://HOST:3306/hexsnap (and .username, .password),
                        or SPRING_DATASOURCE_URL; any hexsnap.grid.* property the same way (docs/grid-builder.md).
                        Exit status: 0 built, 1 failed (database, network, interrupted), 2 bad usage or bad input.""");
        Command status = Command.named("hexsnap grid status", "Show the current grid (or a given build): its input and, "
                        + "per resolution, cells, hot cells, requests covered and hotspots.")
                .option(Option.of("build", "ID", "show this build instead of the current one", null));
        Command list = Command.named("hexsnap grid list", "List the most recent builds, the current one marked.")
                .option(Option.of("limit", "N", "how many builds", "10"));
        return Command.named("hexsnap grid", "Build the H3 grid of hot cells (resolutions 7 and 8, a hotspot each) "
                        + "from regions and request heat, into MySQL.")
                .subcommand("build", build)
                .subcommand("status", status)
                .subcommand("list", list)
                .epilogue("The main command: ./hexsnap grid build --sample");
    }

    private int build(Arguments arguments, String[] springArgs) throws Exception {
        BuildRequest request = request(arguments);
        try (ConfigurableApplicationContext context = start(springArgs)) {
            GridBuilder builder = context.getBean(GridBuilder.class);
            GridBuilderSettings settings = context.getBean(GridBuilderSettings.class);
            ProgressPrinter progress = new ProgressPrinter(err, settings.progressInterval(), terminal);
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = Thread.ofPlatform().name("grid-interrupt").unstarted(() -> {
                interrupted = true;
                builder.cancel();
                try {
                    // Let the build record its failure and print its line before the JVM goes.
                    finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                BuildReport report = builder.build(request, progress);
                progress.finish();
                Reports.build(report, request, out);
                return CommandLineProgram.OK;
            } catch (CancellationException e) {
                progress.finish();
                err.println("hexsnap grid build: interrupted; nothing was made current, the current grid is unchanged");
                return INTERRUPTED;
            } catch (UsageException e) {
                progress.finish();
                throw e;
            } catch (RuntimeException e) {
                progress.finish();
                log.error("grid build failed", e);
                throw new IllegalStateException(CommandLineProgram.reason(e)
                        + "; the current grid is unchanged (details in " + logFile() + ")");
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    interrupted = true;
                }
            }
        }
    }

    private int status(Arguments arguments, String[] springArgs) {
        try (ConfigurableApplicationContext context = start(springArgs)) {
            return Reports.status(context.getBean(GridStore.class), arguments.get("build"), out, err);
        }
    }

    private int list(Arguments arguments, String[] springArgs) {
        int limit = arguments.getInt("limit", 1, 1000);
        try (ConfigurableApplicationContext context = start(springArgs)) {
            return Reports.list(context.getBean(GridStore.class), limit, out);
        }
    }

    /** Everything that can be checked without a database, checked before starting one. */
    static BuildRequest request(Arguments arguments) {
        boolean sample = arguments.flag("sample");
        String points = arguments.get("points");
        if (sample && points != null) {
            throw new UsageException("give --points or --sample, not both");
        }
        if (!sample && points == null) {
            throw new UsageException("missing --points FILE|URL|- (or --sample for the bundled sample)");
        }
        double radiusKm = arguments.getDouble("radius-km", 0.001, 500);
        RegionInput regions = new RegionInput(CityCatalog.bundled(), System.err);
        List<String> cities = arguments.getList("cities");
        if (arguments.has("cities") && cities.isEmpty()) {
            throw new UsageException("--cities needs at least one city, e.g. --cities shanghai");
        }
        regions.cities(cities, radiusKm);
        if (arguments.has("regions")) {
            regions.file(arguments.get("regions"), radiusKm);
        }
        if (sample && cities.isEmpty() && !arguments.has("regions")) {
            regions.sample();
        }
        List<Area> areas = regions.areas();
        if (areas.isEmpty()) {
            throw new UsageException("no regions: give --cities, --regions or --sample");
        }
        List<Integer> resolutions = new ArrayList<>();
        for (String value : arguments.getList("resolutions")) {
            int resolution;
            try {
                resolution = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageException("--resolutions must be whole numbers, got '" + value + "'");
            }
            if (resolution < 0 || resolution > HexGrid.MAX_RESOLUTION) {
                throw new UsageException("--resolutions must be within [0, 15], got " + resolution);
            }
            if (resolutions.contains(resolution)) {
                throw new UsageException("--resolutions lists " + resolution + " twice");
            }
            resolutions.add(resolution);
        }
        if (resolutions.isEmpty()) {
            throw new UsageException("--resolutions needs at least one resolution, e.g. 7,8");
        }
        Thresholds thresholds = new Thresholds(arguments.getLong("min-count", 1, Long.MAX_VALUE),
                topShare(arguments));
        double maxBadShare = arguments.getDouble("max-bad-share", 0, 1);
        PointSource source = sample ? PointSource.sample() : PointSource.of(points);
        return new BuildRequest(areas, source, resolutions, thresholds, maxBadShare);
    }

    private static double topShare(Arguments arguments) {
        double share = arguments.getDouble("top-share", 0, 1);
        if (share == 0) {
            throw new UsageException("--top-share must be more than 0 (1 keeps every cell)");
        }
        return share;
    }

    private ConfigurableApplicationContext start(String[] springArgs) {
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setBannerMode(Banner.Mode.OFF);
        spring.setLogStartupInfo(false);
        // Ctrl-C is handled by the build (it records the failure first), not by Spring's hook.
        spring.setRegisterShutdownHook(false);
        try {
            return spring.run(springArgs);
        } catch (RuntimeException e) {
            log.error("grid-builder could not start", e);
            // No cause attached: the one-line reason shown is this sentence, not the deepest message alone.
            String what = causedBy(e, java.sql.SQLException.class)
                    ? "cannot reach the database " + databaseUrl(springArgs) : "cannot start";
            throw new IllegalStateException(what + ": " + CommandLineProgram.reason(e) + " (details in " + logFile() + ")");
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The database an operator pointed at (without its options), for messages. */
    private static String databaseUrl(String[] springArgs) {
        String url = System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "jdbc:mysql://127.0.0.1:3306/hexsnap");
        for (String arg : springArgs) {
            if (arg.startsWith("--spring.datasource.url=")) {
                url = arg.substring("--spring.datasource.url=".length());
            }
        }
        int options = url.indexOf('?');
        return options < 0 ? url : url.substring(0, options);
    }

    private static Path logFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "hexsnap-grid-builder.log");
    }
}
