package dev.hexsnap.worker.cli;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.worker.failure.FailureLog;
import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.generation.GenerationRun;
import dev.hexsnap.worker.job.RunControl;
import dev.hexsnap.worker.progress.HumanFormat;
import dev.hexsnap.worker.progress.RunReports;
import dev.hexsnap.worker.publish.Coverage;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What each {@code ./hexsnap worker} command does once Spring is up. Arguments were parsed
 * (and bad usage rejected) before Spring started; see {@link WorkerCommandLine}.
 */
public final class WorkerCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ObjectProvider<RunControl> control;
    private final GenerationLedger ledger;
    private final FailureLog failures;
    private final ObjectProvider<SnapshotStore> store;
    private final Coverage coverage;
    private final HexGrid grid;
    private final ZoneId zone;
    private final Clock clock;
    private final RunReports reports;

    public WorkerCommands(ObjectProvider<RunControl> control, GenerationLedger ledger, FailureLog failures,
                          ObjectProvider<SnapshotStore> store, Coverage coverage, HexGrid grid, ZoneId zone, Clock clock,
                          RunReports reports) {
        this.control = control;
        this.ledger = ledger;
        this.failures = failures;
        this.store = store;
        this.coverage = coverage;
        this.grid = grid;
        this.zone = zone;
        this.clock = clock;
        this.reports = reports;
    }

    public int execute(Arguments arguments, PrintStream out) throws Exception {
        return switch (arguments.subcommand()) {
            case "run" -> run(arguments, out);
            case "restart" -> report(control.getObject().restart(arguments.get("generation"), restartSlot(arguments)), out);
            case "rerun-failures" -> report(control.getObject().rerunFailures(generation(arguments)), out);
            case "generations" -> generations(arguments, out);
            case "failures" -> failures(arguments, out);
            case "rollback" -> rollback(arguments, out);
            case "show" -> show(arguments, out);
            case "status" -> status(out);
            default -> throw new UsageException("unknown command '" + arguments.subcommand() + "'");
        };
    }

    private int run(Arguments arguments, PrintStream out) throws Exception {
        Slot slot = slot(arguments.require("slot"));
        LocalDate date = null;
        if (arguments.has("date")) {
            try {
                date = LocalDate.parse(arguments.get("date"));
            } catch (DateTimeParseException e) {
                throw new UsageException("--date must be YYYY-MM-DD, got '" + arguments.get("date") + "'");
            }
        }
        List<Integer> resolutions = new ArrayList<>();
        for (String r : arguments.getList("resolutions")) {
            try {
                int resolution = Integer.parseInt(r);
                HexGrid.checkResolution(resolution);
                resolutions.add(resolution);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--resolutions must be H3 resolutions (0-15), comma-separated, got '" + r + "'");
            }
        }
        if (resolutions.isEmpty()) {
            throw new UsageException("--resolutions needs at least one resolution");
        }
        String generation = arguments.get("generation");
        if (generation != null) {
            try {
                GenerationInfo.checkId(generation);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--generation: " + e.getMessage());
            }
        }
        GenerationRun run = control.getObject().plan(slot, date, resolutions, generation, arguments.get("grid-build"),
                arguments.flag("at-now-anyway"));
        out.println("crawling generation " + run.generation() + ": " + slot.id() + " slot, pages as of " + run.at()
                + ", resolutions " + run.resolutionList() + ", grid build " + run.gridBuild());
        return report(control.getObject().run(run), out);
    }

    private int report(RunControl.Outcome outcome, PrintStream out) {
        reports.last().ifPresent(summary -> out.print("\n" + summary + "\n"));
        out.println("generation " + outcome.generation() + ": " + outcome.state() + " — " + outcome.message());
        // A refused generation is a failure for the scheduler, even when there is nothing left to restart.
        return outcome.succeeded() ? CommandLineProgram.OK : CommandLineProgram.FAILED;
    }

    private int generations(Arguments arguments, PrintStream out) {
        Optional<Slot> only = arguments.has("slot") ? Optional.of(slot(arguments.get("slot"))) : Optional.empty();
        int limit = arguments.getInt("limit", 1, 10_000);
        SnapshotStore snapshots = store.getObject();
        Map<Slot, Optional<String>> current = new TreeMap<>();
        Map<Slot, Optional<String>> previous = new TreeMap<>();
        for (Slot slot : Slot.values()) {
            current.put(slot, snapshots.current(slot));
            previous.put(slot, snapshots.previous(slot));
        }
        Map<String, GenerationInfo> inRedis = new TreeMap<>();
        snapshots.generations().forEach(g -> inRedis.put(g.id(), g));
        TextTable table = new TextTable("GENERATION", "SLOT", "STATE", "SERVES", "CREATED", "PUBLISHED", "CELLS", "STORES",
                "PAGES", "STORED", "FAILURES").alignRight(6, 7, 8, 9, 10);
        for (GenerationLedger.Entry e : ledger.all(limit)) {
            if (only.isPresent() && only.get() != e.slot()) {
                continue;
            }
            GenerationInfo info = inRedis.get(e.generation());
            String serves = current.get(e.slot()).filter(e.generation()::equals).isPresent() ? "current"
                    : previous.get(e.slot()).filter(e.generation()::equals).isPresent() ? "previous" : "";
            table.row(e.generation(), e.slot().id(), info == null ? e.state().toLowerCase(Locale.ROOT) + (GenerationLedger.DELETED.equals(e.state()) ? "" : " (not in Redis)") : info.state(),
                    serves, time(e.createdAt()), time(e.publishedAt()),
                    e.cellCoverage() == null ? null : HumanFormat.percent(e.cellCoverage()),
                    e.storeCoverage() == null ? null : HumanFormat.percent(e.storeCoverage()),
                    e.pages() == null ? null : HumanFormat.count(e.pages()),
                    e.storedBytes() == null ? null : HumanFormat.bytes(e.storedBytes()),
                    e.failures() == null ? null : HumanFormat.count(e.failures()));
        }
        if (table.isEmpty()) {
            out.println("no generation yet: run ./hexsnap worker run");
        } else {
            table.print(out);
        }
        return CommandLineProgram.OK;
    }

    private int failures(Arguments arguments, PrintStream out) {
        String generation = generation(arguments);
        int limit = arguments.getInt("limit", 1, 100_000);
        int open = failures.open(generation);
        if (open == 0) {
            out.println("generation " + generation + ": no open failure");
            return CommandLineProgram.OK;
        }
        TextTable table = new TextTable("KIND", "TARGET", "RES", "PAGE", "ATTEMPTS", "LAST FAILED", "ERROR").alignRight(2, 4);
        for (FailureLog.Entry f : failures.list(generation, limit)) {
            table.row(f.kind(), f.target(), f.resolution(), f.page(), f.attempts(), time(f.lastFailedAt()),
                    f.error().length() > 80 ? f.error().substring(0, 79) + "…" : f.error());
        }
        table.print(out);
        out.println(open + " open failure(s)" + (open > limit ? ", " + limit + " shown" : "")
                + "; heal them with ./hexsnap worker rerun-failures --generation " + generation);
        return CommandLineProgram.OK;
    }

    private int rollback(Arguments arguments, PrintStream out) {
        Slot slot = slot(arguments.require("slot"));
        SnapshotStore snapshots = store.getObject();
        Optional<String> was = snapshots.current(slot);
        Optional<String> now = snapshots.rollback(slot);
        if (now.isEmpty()) {
            out.println("the " + slot.id() + " slot has no previous generation to roll back to"
                    + was.map(w -> "; it keeps serving " + w).orElse(""));
            return CommandLineProgram.FAILED;
        }
        ledger.setState(now.get(), GenerationLedger.PUBLISHED);
        was.ifPresent(w -> ledger.setState(w, GenerationLedger.RETIRED));
        out.println("the " + slot.id() + " slot now serves " + now.get() + was.map(w -> " (was " + w + "; roll back again to undo)").orElse(""));
        return CommandLineProgram.OK;
    }

    private int show(Arguments arguments, PrintStream out) {
        SnapshotStore snapshots = store.getObject();
        String generation = arguments.require("generation");
        if (generation.equals("current") || generation.equals("previous")) {
            Slot slot = slot(arguments.require("slot"));
            Optional<String> id = generation.equals("current") ? snapshots.current(slot) : snapshots.previous(slot);
            generation = id.orElseThrow(() -> new IllegalStateException("the " + slot.id() + " slot has no "
                    + arguments.get("generation") + " generation"));
        } else {
            try {
                GenerationInfo.checkId(generation);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--generation: " + e.getMessage());
            }
        }
        SnapshotKey key = KeyPaths.parse(arguments.require("key"), grid);
        int lines = arguments.getInt("lines", 0, 100_000);
        Optional<byte[]> raw = snapshots.readRaw(generation, key);
        if (raw.isEmpty()) {
            out.println("no entry " + key.path() + " in generation " + generation);
            return CommandLineProgram.FAILED;
        }
        Optional<SnapshotEntry> decoded = snapshots.read(generation, key);
        if (decoded.isEmpty()) {
            out.println("entry " + key.path() + " of generation " + generation + " is corrupt (" + raw.get().length + " bytes)");
            return CommandLineProgram.FAILED;
        }
        SnapshotEntry entry = decoded.get();
        var m = entry.metadata();
        Long ttl = snapshots.redis().await(snapshots.redis().pttl(snapshots.entryKey(generation, key)));
        out.printf(Locale.ROOT, "key          %s%n", snapshots.entryKey(generation, key));
        out.printf(Locale.ROOT, "page         %s%n", key.kind().id());
        out.printf(Locale.ROOT, "generation   %s (%s slot)%n", m.generation(), m.slot().id());
        out.printf(Locale.ROOT, "crawled at   %s%n", m.crawledAt());
        out.printf(Locale.ROOT, "etag         %s%n", m.etag());
        out.printf(Locale.ROOT, "size         %s raw, %s gzip (%s stored), ratio %.2fx%n", HumanFormat.bytes(m.rawLength()),
                HumanFormat.bytes(entry.gzipLength()), HumanFormat.bytes(entry.storedLength()), (double) m.rawLength() / entry.gzipLength());
        if (m.sourceCell() != 0) {
            out.printf(Locale.ROOT, "source cell  %s (resolution %d), hotspot %s%n", grid.toAddress(m.sourceCell()),
                    grid.resolutionOf(m.sourceCell()), m.hotspot());
        }
        out.printf(Locale.ROOT, "expires in   %s%n", ttl == null || ttl < 0 ? "never" : HumanFormat.duration(Duration.ofMillis(ttl)));
        if (lines > 0) {
            byte[] json = entry.decompress();
            String text;
            try {
                JsonNode tree = PRETTY.readTree(json);
                text = PRETTY.writeValueAsString(tree);
            } catch (RuntimeException e) {
                text = new String(json, StandardCharsets.UTF_8);
            }
            String[] all = text.split("\n");
            out.println();
            for (int i = 0; i < Math.min(lines, all.length); i++) {
                out.println(all[i]);
            }
            if (all.length > lines) {
                out.println("… " + (all.length - lines) + " more lines (--lines N shows more)");
            }
        }
        return CommandLineProgram.OK;
    }

    private int status(PrintStream out) {
        SnapshotStore snapshots = store.getObject();
        TextTable slots = new TextTable("SLOT", "CURRENT", "PUBLISHED", "PREVIOUS");
        for (Slot slot : Slot.values()) {
            Optional<String> current = snapshots.current(slot);
            slots.row(slot.id(), current.orElse("(none)"),
                    current.flatMap(snapshots::generation).map(GenerationInfo::publishedAt).map(this::time).orElse(null),
                    snapshots.previous(slot).orElse(null));
        }
        slots.print(out);
        out.println();
        Optional<GenerationLedger.Entry> latest = ledger.latest();
        if (latest.isEmpty()) {
            out.println("no run recorded yet");
            return CommandLineProgram.OK;
        }
        GenerationLedger.Entry e = latest.get();
        Instant now = clock.instant();
        String liveness = e.heartbeatAt() == null ? "not running"
                : "running on " + e.runner() + " (heartbeat " + Duration.between(e.heartbeatAt(), now).toSeconds() + " s ago)";
        out.println("last run     " + e.generation() + " (" + e.slot().id() + "), " + e.state().toLowerCase(Locale.ROOT) + ", " + liveness);
        Coverage.Progress p = coverage.progress(e.generation());
        out.println("cells        " + HumanFormat.count(p.cellsDone()) + " of " + HumanFormat.count(coverage.cellsTotal(e.toRun()))
                + " crawled, " + HumanFormat.count(p.cellsFailed()) + " failed");
        out.println("stores       " + HumanFormat.count(p.storesDone()) + " of " + HumanFormat.count(p.storesTotal())
                + " crawled, " + HumanFormat.count(p.storesFailed()) + " failed");
        out.println("failures     " + failures.open(e.generation()) + " open");
        if (e.verdict() != null) {
            out.println("verdict      " + e.verdict());
        }
        return CommandLineProgram.OK;
    }

    private static String generation(Arguments arguments) {
        String generation = arguments.require("generation");
        try {
            GenerationInfo.checkId(generation);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--generation: " + e.getMessage());
        }
        return generation;
    }

    /** restart's --slot: only without --generation, which names the run already. */
    private static Slot restartSlot(Arguments arguments) {
        if (!arguments.has("slot")) {
            return null;
        }
        if (arguments.has("generation")) {
            throw new UsageException("give --generation or --slot, not both");
        }
        return slot(arguments.get("slot"));
    }

    private static Slot slot(String id) {
        try {
            return Slot.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--slot must be day or night, got '" + id + "'");
        }
    }

    private String time(Instant instant) {
        return instant == null ? null : TIME.format(instant.atZone(zone));
    }
}
