package dev.hexsnap.grid.build;

import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.grid.aggregate.Aggregator;
import dev.hexsnap.grid.aggregate.HotCell;
import dev.hexsnap.grid.aggregate.HotCellSelection;
import dev.hexsnap.grid.aggregate.ResolutionAggregate;
import dev.hexsnap.grid.aggregate.ResolutionResult;
import dev.hexsnap.grid.config.GridBuilderSettings;
import dev.hexsnap.grid.persist.BuildRecord;
import dev.hexsnap.grid.persist.CurrentGrid;
import dev.hexsnap.grid.persist.GridStore;
import dev.hexsnap.grid.points.BadLine;
import dev.hexsnap.grid.points.ReadSummary;
import dev.hexsnap.grid.region.Area;
import dev.hexsnap.grid.region.CellIndex;
import dev.hexsnap.grid.region.Coverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Runs one grid build. Nothing is written until the input has been read to its end and
 * judged good (bad-line share, empty input, points in the regions, thresholds that keep
 * something); then the rows go in under the build id, and the build becomes current in the
 * last transaction. {@link #cancel()} (Ctrl-C) stops it at the next batch with nothing
 * visible changed.
 *
 * <p>One build at a time per instance.
 */
public final class GridBuilder {

    private static final Logger log = LoggerFactory.getLogger(GridBuilder.class);

    private final HexGrid grid;
    private final GridStore store;
    private final GridBuilderSettings settings;
    private final Clock clock;
    private volatile boolean cancelled;

    public GridBuilder(HexGrid grid, GridStore store, GridBuilderSettings settings, Clock clock) {
        this.grid = grid;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Asks a running build to stop; it fails with {@link CancellationException}, leaving the current grid. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Builds the grid and makes it current.
     *
     * @throws UsageException        for bad input (too many bad lines, no points, none in the regions...): nothing written
     * @throws CancellationException when {@link #cancel()} was called: nothing visible changed
     */
    public BuildReport build(BuildRequest request, BuildListener listener) throws InterruptedException {
        // Held from the start, so that a second build is refused at once, not after its reading.
        try (GridStore.BuildLock lock = store.lock()) {
            return buildLocked(request, listener);
        }
    }

    private BuildReport buildLocked(BuildRequest request, BuildListener listener) throws InterruptedException {
        long start = System.nanoTime();
        Instant startedAt = clock.instant();
        List<ResolutionAggregate> aggregates = new ArrayList<>();
        for (int resolution : request.resolutions()) {
            CellIndex cells = Coverage.of(request.areas(), resolution, grid, settings.maxCoveringCells());
            aggregates.add(new ResolutionAggregate(cells, settings.hotspotCellMetres(), settings.hotspotCandidates()));
        }
        long readStart = System.nanoTime();
        ReadSummary read = new Aggregator(grid, settings.stallTimeout()).aggregate(request.points(),
                settings.connectTimeout(), settings.badLinesShown(), aggregates,
                (s, valid) -> listener.reading(s.linesRead(), s.badLines(), s.bytesRead()), () -> cancelled);
        Duration readTime = Duration.ofNanos(System.nanoTime() - readStart);
        checkInput(request, read);

        List<ResolutionResult> results = new ArrayList<>();
        for (ResolutionAggregate aggregate : aggregates) {
            results.add(select(request, aggregate));
        }
        String settingsJson = settingsJson(request);
        String buildId = BuildId.of(settingsJson, request.areas(), read.sha256());
        List<String> regions = request.areas().stream().map(Area::name).toList();

        long writeStart = System.nanoTime();
        boolean wasCurrent = store.current().map(c -> c.buildId().equals(buildId)).orElse(false);
        if (cancelled) {
            throw new CancellationException("interrupted");
        }
        store.begin(new BuildRecord(buildId, BuildRecord.WRITING, String.join(",", regions), settingsJson,
                read.input(), read.sha256(), read.lines(), read.valid(), read.bad(), read.requests(), startedAt,
                null, null), wasCurrent);
        CurrentGrid current;
        try {
            long total = results.stream().mapToLong(r -> r.hotCells().size()).sum();
            long done = 0;
            for (ResolutionResult result : results) {
                long before = done;
                List<HotCell> cells = result.hotCells();
                store.writeCells(buildId, cells, startedAt, settings.insertBatchSize(),
                        written -> listener.writing(before + written, total), () -> cancelled);
                done += cells.size();
            }
            if (cancelled) {
                throw new CancellationException("interrupted");
            }
            current = store.complete(buildId, results, clock.instant());
        } catch (RuntimeException | Error e) {
            String reason = e instanceof CancellationException ? "interrupted" : String.valueOf(e.getMessage());
            log.warn("build {} failed while writing; the current grid is unchanged", buildId, e);
            try {
                store.fail(buildId, reason, clock.instant());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
                log.warn("could not record the failure of build {}; its rows stay invisible (not current)", buildId, cleanup);
            }
            throw e;
        }
        Duration writeTime = Duration.ofNanos(System.nanoTime() - writeStart);
        return new BuildReport(buildId, regions, read, results, current, wasCurrent, readTime, writeTime,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static void checkInput(BuildRequest request, ReadSummary read) {
        if (read.lines() == 0) {
            throw new UsageException(read.input() + ": no points (the input has no data lines)");
        }
        if (read.bad() > 0 && read.badShare() > request.maxBadShare()) {
            String examples = read.firstBad().stream().limit(3).map(BadLine::toString).collect(Collectors.joining("; "));
            throw new UsageException(String.format(Locale.ROOT,
                    "%s: %,d of %,d lines are bad (%.2f%%, more than --max-bad-share %.2f%%); nothing written. %s",
                    read.input(), read.bad(), read.lines(), read.badShare() * 100, request.maxBadShare() * 100, examples));
        }
        if (read.valid() == 0 || read.requests() == 0) {
            throw new UsageException(read.input() + ": no requests (" + read.valid() + " valid lines, all with count 0)");
        }
    }

    private ResolutionResult select(BuildRequest request, ResolutionAggregate aggregate) {
        String regions = request.areas().stream().map(Area::name).collect(Collectors.joining(", "));
        if (aggregate.requestsInRegions() == 0) {
            throw new UsageException(String.format(Locale.ROOT,
                    "none of the %,d requests falls in the regions (%s) at resolution %d: wrong regions or wrong points?",
                    aggregate.requestsOutside(), regions, aggregate.resolution()));
        }
        ResolutionResult result = HotCellSelection.select(aggregate, request.thresholds(), grid);
        if (result.hotCells().isEmpty()) {
            long hottest = 0;
            for (int slot = 0; slot < aggregate.cells().size(); slot++) {
                hottest = Math.max(hottest, aggregate.requests(slot));
            }
            throw new UsageException(String.format(Locale.ROOT,
                    "--min-count %,d leaves no hot cell at resolution %d (the hottest cell has %,d requests)",
                    request.thresholds().minCount(), aggregate.resolution(), hottest));
        }
        return result;
    }

    private String settingsJson(BuildRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("resolutions", request.resolutions());
        json.put("minCount", request.thresholds().minCount());
        json.put("topShare", request.thresholds().topShare());
        json.put("hotspotCellMetres", settings.hotspotCellMetres());
        json.put("hotspotCandidates", settings.hotspotCandidates());
        return JsonMapper.shared().writeValueAsString(json);
    }
}
