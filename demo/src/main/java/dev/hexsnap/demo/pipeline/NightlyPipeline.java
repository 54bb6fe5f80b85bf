package dev.hexsnap.demo.pipeline;

import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.demo.services.ServiceEndpoints;
import dev.hexsnap.demo.stage.LocalPorts;
import dev.hexsnap.demo.stage.Stage;
import dev.hexsnap.demo.stage.StageProcess;
import dev.hexsnap.demo.stage.StageProcess.StageLauncher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the nightly pipeline the way an operator would, one stage program after the other,
 * and keeps the demo upstream and the fallback API serving afterwards. What a previous run
 * built is reused: the heat file, the grid (same input, same build), and today's published
 * generation (unless {@link DemoSettings#fresh()}).
 */
public final class NightlyPipeline implements AutoCloseable {

    /** The zone whose calendar names generations, as the worker does. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** "Now" as every stage reads it (hexsnap.clock.start shifts the stages and the demo alike). */
    private final Clock clock = ShiftedClock.fromSystem();
    private final DemoSettings settings;
    private final Path root;
    private final PrintStream out;
    private final Map<String, String> properties;
    private final List<AutoCloseable> running = new ArrayList<>();

    private ServiceEndpoints services;
    private StageLauncher launcher;
    private String upstreamUrl;
    private String upstreamToken;
    private String apiUrl;
    private String apiToken;
    /** The caller token the drill's client presents to the API; null when the API takes anonymous callers. */
    private String callerToken;
    private boolean callerTokens;
    private Path reportDir;
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    /**
     * @param root       the repository root (where the stage jars are)
     * @param properties {@code --name=value} configuration given to the demo (database, Redis)
     */
    public NightlyPipeline(DemoSettings settings, Path root, Map<String, String> properties, PrintStream out) {
        this.settings = settings;
        this.root = root;
        this.properties = properties;
        this.out = out;
    }

    /**
     * Starts the API with one caller token ({@code drill}), so that its snapshot endpoints refuse
     * anonymous requests as a production API configured with callers does; call before {@link #run}.
     */
    public void requireCallerToken() {
        callerTokens = true;
    }

    /** Brings everything up and runs the crawl; the diff only when {@code withDiff}. */
    public void run(boolean withDiff) {
        long started = System.nanoTime();
        step("1/6 services", this::startServices);
        step("2/6 demo upstream", this::startUpstream);
        step("3/6 grid", this::buildGrid);
        step("4/6 nightly crawl", this::crawl);
        step("5/6 fallback API", this::startApi);
        if (withDiff) {
            step("6/6 diff", this::diff);
        }
        timings.put("total", Duration.ofNanos(System.nanoTime() - started));
    }

    private void step(String title, Runnable action) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 70 - title.length())));
        long t0 = System.nanoTime();
        action.run();
        timings.put(title.substring(4), Duration.ofNanos(System.nanoTime() - t0));
    }

    private void startServices() {
        try {
            Files.createDirectories(settings.home());
            Files.createDirectories(settings.home().resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        services = ServiceEndpoints.resolve(properties, System.getenv(), settings.home(), out);
        running.add(services);
        Map<String, String> env = new LinkedHashMap<>(services.stageEnvironment());
        // The stages' own progress and summaries go to the console; Spring's start-up chatter does not.
        env.put("LOGGING_LEVEL_ROOT", "WARN");
        env.put("LOGGING_LEVEL_DEV_HEXSNAP", "INFO");
        upstreamToken = randomToken();
        apiToken = randomToken();
        env.put("HEXSNAP_UPSTREAM_OPS_TOKEN", upstreamToken);
        env.put("HEXSNAP_API_OPS_TOKEN", apiToken);
        if (callerTokens) {
            callerToken = randomToken();
            env.put("HEXSNAP_API_CALLERS_TOKENS", "drill:" + callerToken);
        }
        launcher = new StageLauncher(root, settings.home().resolve("tmp").toAbsolutePath(), env);
        out.println("  using " + services.describe());
    }

    private void startUpstream() {
        int port = LocalPorts.freeOr(settings.upstreamPort());
        upstreamUrl = "http://127.0.0.1:" + port;
        List<String> args = List.of("serve", "--port", Integer.toString(port), "--seed", Long.toString(settings.seed()),
                "--cities", Integer.toString(settings.cities()), "--store-scale", Double.toString(settings.storeScale()),
                "--home-page-bytes", Integer.toString(settings.homePageBytes()),
                "--channel-page-bytes", Integer.toString(settings.channelPageBytes()));
        out.printf("  %d core cities (%s), seed %d, pages of ~%d KB (home) and ~%d KB (channel) before gzip%n",
                settings.cities(), citySlugs(), settings.seed(), settings.homePageBytes() / 1000, settings.channelPageBytes() / 1000);
        running.add(StageProcess.serve(launcher, Stage.UPSTREAM, args, settings.home().resolve("logs/upstream.log"),
                URI.create(upstreamUrl + "/v1/world"), Duration.ofMinutes(3)));
        out.println("  serving at " + upstreamUrl + "  (log: " + settings.home().resolve("logs/upstream.log") + ")");
    }

    private void buildGrid() {
        Path heat = settings.home().resolve("heat-" + settings.seed() + "-" + settings.cities() + "c-" + settings.points() + ".csv.gz");
        if (Files.exists(heat)) {
            out.println("  reusing request heat " + heat);
        } else {
            out.println("  drawing " + settings.points() + " request points where people live and work");
            check(Stage.UPSTREAM, StageProcess.run(launcher, Stage.UPSTREAM, List.of("heat", "--points",
                    Integer.toString(settings.points()), "--cities", Integer.toString(settings.cities()), "--seed",
                    Long.toString(settings.seed()), "--out", heat.toString()), settings.stageLimit()));
        }
        check(Stage.GRID, StageProcess.run(launcher, Stage.GRID, List.of("build", "--points", heat.toString(),
                "--cities", citySlugs(), "--top-share", Double.toString(settings.topShare())), settings.stageLimit()));
    }

    private void crawl() {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZONE));
        String today = now.format(DateTimeFormatter.ofPattern("yyyyMMdd")) + "-";
        Optional<String> current = currentGeneration(Slot.DAY);
        if (!settings.fresh() && current.filter(g -> g.startsWith(today)).isPresent()) {
            out.println("  today's generation " + current.get() + " is already published: reusing it (--fresh crawls again)");
            return;
        }
        // A new id per crawl: publishing never rewrites the generation being served, and an earlier
        // crawl of today that was interrupted or refused keeps its own id (the worker refuses to run
        // a generation twice).
        String generation = now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-day";
        List<String> args = new ArrayList<>(List.of("run", "--slot", "day", "--upstream", upstreamUrl,
                "--rps", Integer.toString(settings.rps()), "--concurrency", Integer.toString(settings.concurrency())));
        args.addAll(List.of("--generation", generation));
        check(Stage.WORKER, StageProcess.run(launcher, Stage.WORKER, args, settings.stageLimit()));
        if (currentGeneration(Slot.DAY).filter(generation::equals).isEmpty()) {
            throw new IllegalStateException("the crawl finished but did not publish generation " + generation
                    + " (coverage below the threshold?); see './hexsnap worker failures --generation " + generation + "'");
        }
    }

    private void startApi() {
        int port = LocalPorts.freeOr(settings.apiPort());
        apiUrl = "http://127.0.0.1:" + port;
        running.add(StageProcess.serve(launcher, Stage.API, List.of("--port", Integer.toString(port)),
                settings.home().resolve("logs/api.log"), URI.create(apiUrl + "/actuator/health/liveness"), Duration.ofMinutes(2)));
        out.println("  serving at " + apiUrl + "  (log: " + settings.home().resolve("logs/api.log") + ")");
    }

    private void diff() {
        reportDir = settings.home().resolve("reports")
                .resolve("diff-" + LocalDateTime.now(clock.withZone(ZONE)).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> args = new ArrayList<>(List.of("run", "--cities", Integer.toString(settings.cities()),
                "--cells-per-city", Integer.toString(settings.cellsPerCity()), "--upstream", upstreamUrl,
                "--rps", Integer.toString(settings.rps()), "--concurrency", Integer.toString(settings.concurrency()),
                "--out", reportDir.toString()));
        // Live pages of the moment the snapshot was crawled for: the demo's figures then measure the
        // grid (space) alone, whatever the hour the demo runs at; stores that have closed since noon
        // would otherwise weigh on them (the nightly diff compares with now, on purpose).
        currentGeneration(Slot.DAY).flatMap(this::crawlMoment).ifPresent(at -> args.addAll(List.of("--at", at.toString())));
        check(Stage.DIFF, StageProcess.run(launcher, Stage.DIFF, args, settings.stageLimit()));
    }

    /** The moment whose pages the worker crawled for a generation (its {@code at}), from its ledger. */
    private Optional<Instant> crawlMoment(String generation) {
        try (Connection c = DriverManager.getConnection(services.jdbcUrl(), services.dbUser(), services.dbPassword());
             PreparedStatement s = c.prepareStatement("select crawl_moment from worker_generation where generation = ?")) {
            s.setString(1, generation);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty(); // as the worker reads it
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read generation " + generation + " from the worker's ledger: " + e.getMessage(), e);
        }
    }

    private void check(Stage stage, int status) {
        if (status != 0) {
            throw new IllegalStateException("hexsnap " + stage.command() + " failed (exit status " + status + "); its output is above");
        }
    }

    /** Prints what was built, where the report is and requests to try. */
    public void printSummary() {
        out.println();
        out.println("== summary " + "=".repeat(64));
        GridFigures grid = gridFigures();
        out.printf("  grid build %s: %s%n", grid.buildId(), grid.perResolution().entrySet().stream()
                .map(e -> e.getValue() + " hot cells at resolution " + e.getKey()).collect(Collectors.joining(", ")));
        try (RedisKeyValue redis = connectRedis()) {
            SnapshotStore store = new SnapshotStore(redis);
            store.current(Slot.DAY).flatMap(store::generation).ifPresent(g -> out.printf(
                    "  day generation %s: %,d pages, %,.1f MB stored, published %s%n",
                    g.id(), g.pages(), g.storedBytes() / 1e6, g.publishedAt()));
        }
        if (reportDir != null) {
            recommendation().ifPresent(text -> out.println("  diff: " + text));
            out.println("  report: " + reportDir.resolve("report.html").toAbsolutePath());
        }
        out.println("  timings: " + timings.entrySet().stream()
                .map(e -> e.getKey() + " " + seconds(e.getValue())).collect(Collectors.joining(", ")));
        out.println();
        out.println("Try (the fallback API answers as an SOA service would see it in an outage):");
        grid.example().ifPresent(p -> {
            out.printf(Locale.ROOT, "  curl -si '%s/v1/snapshots/home?lat=%.6f&lng=%.6f' | head -20%n", apiUrl, p[0], p[1]);
            out.printf(Locale.ROOT, "  curl -s --compressed '%s/v1/snapshots/channel/supermarket?lat=%.6f&lng=%.6f' | head -c 600%n", apiUrl, p[0], p[1]);
            out.printf(Locale.ROOT, "  curl -s '%s/v1/pages/home?lat=%.6f&lng=%.6f' | head -c 600     # the live upstream%n", upstreamUrl, p[0], p[1]);
        });
        out.printf("  curl -si '%s/v1/snapshots/home?lat=91&lng=0'      # a clear 400%n", apiUrl);
        out.println("  ./hexsnap worker generations                 # what is published");
        out.println("  ./hexsnap drill                              # play an outage against the SOA path");
    }

    private Optional<String> recommendation() {
        Path json = reportDir.resolve("report.json");
        if (!Files.exists(json)) {
            return Optional.empty();
        }
        JsonNode report = JSON.readTree(json.toFile());
        JsonNode text = report.path("recommendation").path("text");
        return text.isMissingNode() || text.isNull() ? Optional.empty() : Optional.of(text.asString());
    }

    /** Hot cells per resolution of the current grid, and the hottest hotspot as an example. */
    GridFigures gridFigures() {
        try (Connection c = DriverManager.getConnection(services.jdbcUrl(), services.dbUser(), services.dbPassword())) {
            String build;
            try (ResultSet rs = c.createStatement().executeQuery("select build_id from grid_current where id = 1")) {
                if (!rs.next()) {
                    throw new IllegalStateException("no current grid");
                }
                build = rs.getString(1);
            }
            Map<Integer, Long> cells = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select resolution, count(*) from grid_cell where build_id = ? group by resolution order by resolution")) {
                s.setString(1, build);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        cells.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            double[] example = null;
            try (PreparedStatement s = c.prepareStatement("select hotspot_lat, hotspot_lng from grid_cell where build_id = ? "
                    + "order by resolution, cell_seq limit 1")) {
                s.setString(1, build);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        example = new double[]{rs.getDouble(1), rs.getDouble(2)};
                    }
                }
            }
            return new GridFigures(build, cells, Optional.ofNullable(example));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the grid: " + e.getMessage(), e);
        }
    }

    record GridFigures(String buildId, Map<Integer, Long> perResolution, Optional<double[]> example) {
    }

    private Optional<String> currentGeneration(Slot slot) {
        try (RedisKeyValue redis = connectRedis()) {
            return new SnapshotStore(redis).current(slot);
        }
    }

    RedisKeyValue connectRedis() {
        RedisSettings base = services.redisCluster()
                ? RedisSettings.cluster(services.redisNodes(), services.namespace())
                : RedisSettings.standalone(services.redisNodes().getFirst(), services.namespace());
        return RedisKeyValue.connect(base);
    }

    private String citySlugs() {
        return CityCatalog.bundled().core(settings.cities()).stream().map(City::slug).collect(Collectors.joining(","));
    }

    public String upstreamUrl() {
        return upstreamUrl;
    }

    public String upstreamToken() {
        return upstreamToken;
    }

    public String apiUrl() {
        return apiUrl;
    }

    public String apiToken() {
        return apiToken;
    }

    /** The drill's caller token for the API's snapshot endpoints, or null (see {@link #requireCallerToken}). */
    public String callerToken() {
        return callerToken;
    }

    public ServiceEndpoints services() {
        return services;
    }

    /** Where the diff wrote its report, if it ran. */
    public Optional<Path> reportDir() {
        return Optional.ofNullable(reportDir);
    }

    /** Generation info of the slot's current generation. */
    public Optional<GenerationInfo> currentGenerationInfo(Slot slot) {
        try (RedisKeyValue redis = connectRedis()) {
            SnapshotStore store = new SnapshotStore(redis);
            return store.current(slot).flatMap(store::generation);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Stops the servers and the embedded services, newest first. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception ignored) {
                // Best effort on the way out.
            }
        }
        running.clear();
    }
}
