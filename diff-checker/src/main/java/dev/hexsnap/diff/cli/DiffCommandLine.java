package dev.hexsnap.diff.cli;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.Command;
import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.Option;
import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.diff.DiffApplication;
import dev.hexsnap.diff.DiffRun;
import dev.hexsnap.diff.history.PastRun;
import dev.hexsnap.diff.history.RunHistory;
import dev.hexsnap.diff.report.ConsoleSummary;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code hexsnap diff run} and {@code hexsnap diff history}. Options are checked before
 * anything starts (a bad one is a one-line message and exit status 2); they become
 * {@code hexsnap.diff.*} properties, so that anything not given comes from the configuration.
 * Arguments of the form {@code --spring.x=y}, {@code --hexsnap.x=y} or {@code --logging.x=y}
 * pass straight to Spring Boot.
 */
public final class DiffCommandLine {

    private DiffCommandLine() {
    }

    /** The command-line definition; public so that deployment files can be checked against it. */
    public static Command command() {
        Command run = Command.named("hexsnap diff run",
                        "Compare the published snapshots with the live upstream at seven points per sampled hexagon, diff key "
                                + "stores, weigh fidelity against storage cost and recommend a resolution. Writes report.html and "
                                + "report.json and keeps the run's summary in MySQL.")
                .option(Option.of("cities", "N", "core cities to sample, largest markets first, 1-39 (default 39)", null))
                .option(Option.of("cells-per-city", "N", "hot cells sampled per city and resolution (default 10)", null))
                .option(Option.of("seed", "S", "seed of the sample; the same seed on the same grid picks the same cells (default 20261123)", null))
                .option(Option.of("slot", "SLOT", "snapshot slot compared, day or night (default day)", null))
                .option(Option.of("generation", "ID", "generation to compare (default: the one the slot serves)", null))
                .option(Option.of("at", "INSTANT", "moment the live pages are computed for, ISO-8601 (default: now, moved into the slot)", null))
                .option(Option.of("threshold", "X", "similarity at which a point's page matches, (0, 1] (default 0.8)", null))
                .option(Option.of("target", "X", "share of matching points a resolution must reach to be recommended, (0, 1] (default 0.9)", null))
                .option(Option.of("key-stores", "N", "stores compared by the store diff, the most shown first (default 30)", null))
                .option(Option.flag("no-store-diff", "skip the store diff"))
                .option(Option.of("upstream", "URL", "base URL of the live upstream (default http://127.0.0.1:8081)", null))
                .option(Option.of("rps", "N", "ceiling on requests per second to the upstream (default 200)", null))
                .option(Option.of("concurrency", "N", "ceiling on requests in flight (default 16)", null))
                .option(Option.of("out", "DIR", "directory of the report (default reports/diff-<timestamp>)", null))
                .option(Option.flag("quiet", "no progress lines"))
                .epilogue("""
                        Example:
                          ./hexsnap diff run --cities 5 --cells-per-city 10 --threshold 0.8 --target 0.9

                        Every option is a shortcut for a hexsnap.diff.* property (see docs/diff-checker.md); properties
                        and Spring settings may also be given as --name=value, e.g. --spring.datasource.url=...""");
        Command history = Command.named("hexsnap diff history", "List earlier diff runs, newest first, with their fidelity per resolution.")
                .option(Option.of("limit", "N", "runs to list", "20"))
                .option(Option.of("slot", "SLOT", "only runs of this slot, day or night", null));
        return Command.named("hexsnap diff", "How faithful the snapshots are, what they cost per resolution, and which resolution to run.")
                .subcommand("run", run)
                .subcommand("history", history);
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLineProgram.execute(command(), args, arguments -> switch (arguments.subcommand()) {
            case "run" -> runDiff(arguments, out, err);
            case "history" -> history(arguments, out);
            default -> throw new UsageException("unknown command '" + arguments.subcommand() + "'");
        }, out, err);
    }

    private static int runDiff(Arguments a, PrintStream out, PrintStream err) throws Exception {
        // Options win over the same property given as --name=value.
        Map<String, String> properties = new LinkedHashMap<>();
        if (a.has("cities")) {
            properties.put("hexsnap.diff.sample.cities", String.valueOf(a.getInt("cities", 1, 39)));
        }
        if (a.has("cells-per-city")) {
            properties.put("hexsnap.diff.sample.cells-per-city", String.valueOf(a.getInt("cells-per-city", 1, 10_000)));
        }
        if (a.has("seed")) {
            properties.put("hexsnap.diff.sample.seed", String.valueOf(a.getLong("seed", Long.MIN_VALUE, Long.MAX_VALUE)));
        }
        if (a.has("slot")) {
            try {
                properties.put("hexsnap.diff.sample.slot", Slot.fromId(a.get("slot")).id());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--slot: " + e.getMessage());
            }
        }
        if (a.has("generation")) {
            try {
                GenerationInfo.checkId(a.get("generation"));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--generation: " + e.getMessage());
            }
            properties.put("hexsnap.diff.sample.generation", a.get("generation"));
        }
        if (a.has("at")) {
            try {
                properties.put("hexsnap.diff.sample.at", String.valueOf(Instant.parse(a.get("at"))));
            } catch (DateTimeParseException e) {
                throw new UsageException("--at must be an ISO-8601 instant such as 2026-11-23T04:00:00Z, got '" + a.get("at") + "'");
            }
        }
        if (a.has("threshold")) {
            properties.put("hexsnap.diff.compare.threshold", String.valueOf(unit(a, "threshold")));
        }
        if (a.has("target")) {
            properties.put("hexsnap.diff.compare.target", String.valueOf(unit(a, "target")));
        }
        if (a.has("key-stores")) {
            properties.put("hexsnap.diff.stores.key-stores", String.valueOf(a.getInt("key-stores", 1, 10_000)));
        }
        if (a.flag("no-store-diff")) {
            properties.put("hexsnap.diff.stores.enabled", "false");
        }
        if (a.has("upstream")) {
            String url = a.get("upstream");
            try {
                URI uri = URI.create(url);
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--upstream must be an http(s) URL, got '" + url + "'");
            }
            properties.put("hexsnap.diff.upstream.base-url", url);
        }
        if (a.has("rps")) {
            properties.put("hexsnap.diff.upstream.requests-per-second", String.valueOf(a.getInt("rps", 1, 100_000)));
        }
        if (a.has("concurrency")) {
            properties.put("hexsnap.diff.upstream.max-concurrent", String.valueOf(a.getInt("concurrency", 1, 1024)));
        }
        if (a.has("out")) {
            if (a.get("out").isBlank()) {
                throw new UsageException("--out needs a directory");
            }
            properties.put("hexsnap.diff.report.out", a.get("out"));
        }
        if (a.flag("quiet")) {
            properties.put("hexsnap.diff.report.progress", "false");
        }
        try (ConfigurableApplicationContext context = start(a.springArguments(properties))) {
            try {
                context.getBean(DiffRun.class).run(out, err);
            } catch (RuntimeException e) {
                throw explained(e);
            }
            return CommandLineProgram.OK;
        }
    }

    private static double unit(Arguments a, String option) {
        double value = a.getDouble(option, 0, 1);
        if (value == 0) {
            throw new UsageException("--" + option + " must be within (0, 1], got 0");
        }
        return value;
    }

    private static int history(Arguments a, PrintStream out) {
        int limit = a.getInt("limit", 1, 10_000);
        String slot = null;
        if (a.has("slot")) {
            try {
                slot = Slot.fromId(a.get("slot")).id();
            } catch (IllegalArgumentException e) {
                throw new UsageException("--slot: " + e.getMessage());
            }
        }
        try (ConfigurableApplicationContext context = start(a.springArguments())) {
            List<PastRun> runs = context.getBean(RunHistory.class).recent(slot, 0, limit);
            if (runs.isEmpty()) {
                out.println("No diff run recorded yet. Run './hexsnap diff run'.");
                return CommandLineProgram.OK;
            }
            TreeSet<Integer> resolutions = new TreeSet<>();
            runs.forEach(r -> resolutions.addAll(r.resolutions().keySet()));
            List<String[]> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("run", "started (UTC)", "slot", "status", "generation", "cells", "points (all)"));
            resolutions.forEach(res -> {
                header.add("res " + res + " users");
                header.add("res " + res + " points");
            });
            header.addAll(List.of("recommended", "stores anomalous", "re-crawl"));
            rows.add(header.toArray(String[]::new));
            for (PastRun r : runs) {
                List<String> row = new ArrayList<>();
                row.add("#" + r.runId());
                row.add(r.startedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"));
                row.add(r.slot());
                row.add(r.status().toLowerCase(Locale.ROOT));
                row.add(r.generation() == null ? "-" : r.generation());
                row.add(r.cellsSampled() == null ? "-" : r.cellsSampled().toString());
                row.add(r.matchShare() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.matchShare()));
                for (int res : resolutions) {
                    var pr = r.resolutions().get(res);
                    row.add(pr == null || pr.userMatchShare() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * pr.userMatchShare()));
                    row.add(pr == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * pr.matchShare()));
                }
                row.add(!"COMPLETE".equals(r.status()) ? "-" : r.recommendedResolution() == null ? "none" : "res " + r.recommendedResolution());
                row.add(r.storesCompared() == null ? "-" : r.storesAnomalous() + "/" + r.storesCompared());
                row.add(r.recrawlTriggered() == null ? "-" : r.recrawlTriggered() ? "requested" : "no");
                rows.add(row.toArray(String[]::new));
            }
            ConsoleSummary.table(rows, out);
            runs.stream().filter(r -> r.failure() != null).forEach(r -> out.println("#" + r.runId() + " failed: " + r.failure()));
            return CommandLineProgram.OK;
        }
    }

    private static ConfigurableApplicationContext start(String[] springArguments) {
        try {
            return new SpringApplicationBuilder(DiffApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .run(springArguments);
        } catch (RuntimeException e) {
            throw explained(e);
        }
    }

    /**
     * Names the service behind a start-up failure: "Connection refused" alone does not say
     * whether MySQL or Redis refused. The full chain is in the log.
     */
    static RuntimeException explained(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t.getClass().getName().startsWith("com.mysql.")) {
                return new IllegalStateException("MySQL is not usable (spring.datasource.url): " + CommandLineProgram.reason(t));
            }
            if (t.getClass().getName().startsWith("io.lettuce.")
                    || t instanceof dev.hexsnap.core.redis.RedisUnavailableException) {
                return new IllegalStateException("Redis is not usable (hexsnap.redis.nodes): " + CommandLineProgram.reason(t));
            }
        }
        return e;
    }
}
