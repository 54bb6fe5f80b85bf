package dev.hexsnap.diff.probe;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.upstream.PageFetchException;
import dev.hexsnap.core.upstream.UpstreamPages;
import dev.hexsnap.core.upstream.contract.LocationFacts;
import dev.hexsnap.diff.similarity.Comparison;
import dev.hexsnap.diff.similarity.PageContent;
import dev.hexsnap.diff.similarity.Similarity;
import dev.hexsnap.diff.similarity.Verdict;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The hexagon diff: for every sampled cell, its seven points; at each point the live home page
 * and every channel page the snapshot holds or the live home page offers, compared with the stored
 * ones. One virtual thread per point; how many requests are really under way is up to the
 * upstream's {@link dev.hexsnap.core.upstream.RequestCeiling}.
 */
public final class HexagonProbe {

    private final UpstreamPages upstream;
    private final HexGrid grid;
    private final Similarity similarity;
    private final double vertexNudge;

    public HexagonProbe(UpstreamPages upstream, HexGrid grid, Similarity similarity, double vertexNudge) {
        this.upstream = upstream;
        this.grid = grid;
        this.similarity = similarity;
        this.vertexNudge = vertexNudge;
    }

    /**
     * Probes every cell; returns one {@link PageProbe} per point and page, ordered by cell,
     * point and page.
     *
     * @param at       the moment the live pages are computed for
     * @param progress where progress lines go; null for none
     */
    public List<PageProbe> probe(List<StoredCell> cells, Instant at, PrintStream progress) {
        record Task(StoredCell cell, List<ProbePoint> points) {
        }
        List<Task> tasks = new ArrayList<>(cells.size());
        long totalPoints = 0;
        for (StoredCell cell : cells) {
            List<ProbePoint> points = ProbePoint.sevenPoints(grid, cell.cell().cell(), vertexNudge);
            tasks.add(new Task(cell, points));
            totalPoints += points.size();
        }
        ConcurrentLinkedQueue<PageProbe> results = new ConcurrentLinkedQueue<>();
        try (Progress meter = new Progress("probing", "points", totalPoints, progress,
                () -> upstream.client().gate().observed().requests(), Duration.ofSeconds(2));
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Task task : tasks) {
                for (int i = 0; i < task.points().size(); i++) {
                    int index = i;
                    ProbePoint point = task.points().get(i);
                    executor.submit(() -> {
                        probePoint(task.cell(), point, index, at, results);
                        meter.advance();
                    });
                }
            }
        }
        List<PageProbe> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt((PageProbe p) -> p.cell().resolution())
                .thenComparing(p -> p.cell().region())
                .thenComparingLong(p -> p.cell().cell())
                .thenComparingInt(PageProbe::pointIndex)
                .thenComparing(p -> p.page().equals("home") ? "" : p.page()));
        return ordered;
    }

    /**
     * The home page, then every channel the point's live home page offers or the cell's snapshot
     * holds: a channel offered live that the snapshot lacks is scored too (no snapshot, 0), or a
     * cell whose hotspot saw fewer channels than its corners would look better than it is.
     */
    private void probePoint(StoredCell cell, ProbePoint point, int index, Instant at,
                            ConcurrentLinkedQueue<PageProbe> results) {
        LocationFacts liveHome;
        try {
            liveHome = upstream.home(point.point(), at).page();
        } catch (PageFetchException | InterruptedException e) {
            liveHome = null;
            results.add(new PageProbe(cell.cell(), point, index, "home", Comparison.outright(Verdict.LIVE_FAILED, 0),
                    failure(e)));
        }
        Set<String> channels = new LinkedHashSet<>(cell.channels().keySet());
        if (liveHome != null) {
            LocationFacts live = liveHome;
            results.add(compare(cell, point, index, "home", cell.home(), () -> live));
            if (live.serviceable()) {
                channels.addAll(live.channels());
            }
        }
        for (String channel : channels) {
            results.add(compare(cell, point, index, channel, cell.channels().get(channel),
                    () -> upstream.channel(channel, point.point(), at).page()));
        }
    }

    /** @param stored the cell's stored page, or null when it has none */
    private PageProbe compare(StoredCell cell, ProbePoint point, int index, String page, PageContent stored,
                              Fetch fetch) {
        try {
            PageContent live = PageContent.of(fetch.get());
            return new PageProbe(cell.cell(), point, index, page, similarity.compare(stored, live), null);
        } catch (PageFetchException | InterruptedException e) {
            return new PageProbe(cell.cell(), point, index, page, Comparison.outright(Verdict.LIVE_FAILED, 0), failure(e));
        }
    }

    /** Why a live page is missing; an interruption is kept for whoever waits on this thread. */
    static String failure(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return e.getMessage();
    }

    @FunctionalInterface
    private interface Fetch {
        LocationFacts get() throws PageFetchException, InterruptedException;
    }
}
