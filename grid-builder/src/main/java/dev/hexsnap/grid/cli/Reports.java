package dev.hexsnap.grid.cli;

import dev.hexsnap.grid.aggregate.ResolutionResult;
import dev.hexsnap.grid.build.BuildReport;
import dev.hexsnap.grid.build.BuildRequest;
import dev.hexsnap.grid.persist.BuildRecord;
import dev.hexsnap.grid.persist.CurrentGrid;
import dev.hexsnap.grid.persist.GridStore;
import dev.hexsnap.grid.persist.ResolutionRecord;
import dev.hexsnap.grid.points.BadLine;
import dev.hexsnap.grid.points.ReadSummary;
import dev.hexsnap.core.cli.CommandLineProgram;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the commands print on stdout: summaries people read. */
final class Reports {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Reports() {
    }

    static void build(BuildReport report, BuildRequest request, PrintStream out) {
        ReadSummary read = report.read();
        CurrentGrid current = report.current();
        if (report.wasCurrent()) {
            out.println("Grid build " + report.buildId() + " was already current (same input, same settings): "
                    + "its rows were rewritten identically.");
        } else {
            out.println("Grid build " + report.buildId() + " is now current"
                    + (current.previousBuildId() == null ? " (the first grid)." : " (previous: " + current.previousBuildId() + ")."));
        }
        out.println();
        out.printf(Locale.ROOT, "Input:      %s: %,d points, %,d valid, %,d bad; %,d requests; sha256 %s%n",
                read.input(), read.lines(), read.valid(), read.bad(), read.requests(), read.sha256().substring(0, 16));
        if (read.bad() > 0) {
            out.printf(Locale.ROOT, "Bad lines:  %.3f%% skipped (at most %.2f%% allowed); first: %s%n", read.badShare() * 100,
                    request.maxBadShare() * 100, String.join("; ", read.firstBad().stream().map(BadLine::toString).toList()));
        }
        out.println("Regions:    " + String.join(", ", report.regions()));
        out.printf(Locale.ROOT, "Thresholds: min-count %,d, top-share %s%n", request.thresholds().minCount(),
                percent(request.thresholds().topShare()));
        out.println();
        TextTable table = resolutionTable();
        for (ResolutionResult r : report.results()) {
            int kept = r.hotCells().size();
            table.row(r.resolution(), number(r.cellsCovering()), number(r.cellsWithRequests()), number(kept),
                    number(r.requestsInRegions()), number(r.requestsOutside()),
                    number(r.requestsKept()) + " (" + percent(r.coveredShare()) + ")",
                    hotspots(kept, r.hotspotsMoved()));
        }
        table.print(out);
        out.println();
        out.printf(Locale.ROOT, "Time:       %s total; reading %s (%,.0f points/s, both resolutions), writing %s%n",
                seconds(report.totalTime()), seconds(report.readTime()), report.pointsPerSecond(), seconds(report.writeTime()));
        out.println("Build id:   " + report.buildId());
    }

    static int status(GridStore store, String buildId, PrintStream out, PrintStream err) {
        Optional<CurrentGrid> current = store.current();
        String id = buildId;
        if (id == null) {
            if (current.isEmpty()) {
                err.println("hexsnap grid status: no grid has been built yet; run './hexsnap grid build --sample' "
                        + "(or with your regions and points)");
                return CommandLineProgram.FAILED;
            }
            id = current.get().buildId();
        }
        Optional<BuildRecord> found = store.build(id);
        if (found.isEmpty()) {
            err.println("hexsnap grid status: no build '" + id + "'; './hexsnap grid list' shows the recent ones");
            return CommandLineProgram.USAGE;
        }
        BuildRecord build = found.get();
        boolean isCurrent = current.map(c -> c.buildId().equals(build.buildId())).orElse(false);
        if (isCurrent) {
            CurrentGrid c = current.get();
            out.println("Current grid: build " + build.buildId() + ", current since " + TIME.format(c.switchedAt())
                    + (c.previousBuildId() == null ? "" : "; previous build " + c.previousBuildId()));
        } else {
            out.println("Build " + build.buildId() + ": " + build.status() + " (not current"
                    + current.map(c -> "; current is " + c.buildId()).orElse("") + ")");
        }
        if (build.failure() != null) {
            out.println("Last run:   failed: " + build.failure());
        }
        out.println();
        out.printf(Locale.ROOT, "Input:      %s: %,d points, %,d valid, %,d bad; %,d requests; sha256 %s%n",
                build.input(), build.pointsRead(), build.pointsValid(), build.pointsBad(), build.requestsTotal(),
                build.inputDigest().substring(0, 16));
        out.println("Regions:    " + build.regions().replace(",", ", "));
        out.println("Settings:   " + build.settings());
        out.println("Built:      " + TIME.format(build.startedAt())
                + (build.finishedAt() == null ? ", not finished" : " in " + seconds(Duration.between(build.startedAt(), build.finishedAt()))));
        List<ResolutionRecord> resolutions = store.resolutions(build.buildId());
        if (!resolutions.isEmpty()) {
            out.println();
            TextTable table = resolutionTable();
            for (ResolutionRecord r : resolutions) {
                table.row(r.resolution(), number(r.cellsCovering()), number(r.cellsWithRequests()), number(r.cellsKept()),
                        number(r.requestsInRegions()), number(r.requestsOutside()),
                        number(r.requestsKept()) + " (" + percent(r.coveredShare()) + ")",
                        hotspots(r.cellsKept(), r.hotspotsFallback()));
            }
            table.print(out);
        }
        return CommandLineProgram.OK;
    }

    static int list(GridStore store, int limit, PrintStream out) {
        List<BuildRecord> builds = store.recent(limit);
        if (builds.isEmpty()) {
            out.println("No grid builds yet; run './hexsnap grid build --sample' (or with your regions and points).");
            return CommandLineProgram.OK;
        }
        String current = store.current().map(CurrentGrid::buildId).orElse("");
        TextTable table = new TextTable("", "build", "status", "started", ">took", ">points", ">hot cells", "regions", "input");
        for (BuildRecord b : builds) {
            String cells = String.join(" / ", store.resolutions(b.buildId()).stream()
                    .map(r -> "r" + r.resolution() + " " + number(r.cellsKept())).toList());
            table.row(b.buildId().equals(current) ? "*" : "", b.buildId(), b.status(), TIME.format(b.startedAt()),
                    b.finishedAt() == null ? "" : seconds(Duration.between(b.startedAt(), b.finishedAt())),
                    number(b.pointsRead()), cells, abbreviate(b.regions().replace(",", ", "), 40), abbreviate(b.input(), 40));
        }
        table.print(out);
        out.println();
        out.println("* = current. './hexsnap grid status --build ID' shows one build.");
        return CommandLineProgram.OK;
    }

    private static TextTable resolutionTable() {
        return new TextTable(">res", ">cells covering", ">with requests", ">hot cells kept", ">requests in regions",
                ">outside", ">requests covered", ">hotspots verified");
    }

    private static String hotspots(int kept, int moved) {
        return number(kept) + "/" + number(kept) + (moved == 0 ? "" : " (" + number(moved) + " moved in)");
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, share >= 0.9995 && share < 1 ? "%.2f%%" : "%.1f%%", share * 100);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
