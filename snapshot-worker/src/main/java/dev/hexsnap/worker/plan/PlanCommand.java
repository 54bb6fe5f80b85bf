package dev.hexsnap.worker.plan;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.worker.config.WorkerSettings;
import dev.hexsnap.worker.progress.HumanFormat;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ./hexsnap worker plan}: prints what a run of the given size costs and how long it takes,
 * from the last finished run's measured figures (pages per cell and per store, stored bytes per page,
 * pages per second per process) and the configured ceilings, and whether it fits the crawl window
 * ({@code alerts.time-budget}). Reads MySQL only.
 */
public final class PlanCommand {

    private final JdbcTemplate jdbc;
    private final WorkerSettings settings;

    PlanCommand(JdbcTemplate jdbc, WorkerSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The last finished run, as measured. */
    record Measured(String generation, long cells, long stores, double pagesPerCell, double pagesPerStore,
                    double storedBytesPerPage, double pagesPerSecond, int processes, Duration crawl) {
    }

    /** Checks the numbers before anything starts: bad usage exits 2 with one line. */
    public static void validate(Arguments arguments) {
        for (String option : List.of("cells", "stores")) {
            if (arguments.has(option)) {
                arguments.getInt(option, 0, Integer.MAX_VALUE);
            }
        }
        if (arguments.has("workers")) {
            arguments.getInt("workers", 1, 10_000);
        }
        if (arguments.has("slot")) {
            try {
                Slot.fromId(arguments.get("slot"));
            } catch (IllegalArgumentException e) {
                throw new dev.hexsnap.core.cli.UsageException("--slot must be day or night, got '" + arguments.get("slot") + "'");
            }
        }
    }

    public int execute(Arguments arguments, PrintStream out) {
        Slot slot = arguments.has("slot") ? Slot.fromId(arguments.get("slot")) : null;
        Measured last = lastRun(slot);
        long cells = arguments.has("cells") ? arguments.getInt("cells", 0, Integer.MAX_VALUE) : currentGridCells(last);
        long stores = arguments.has("stores") ? arguments.getInt("stores", 0, Integer.MAX_VALUE)
                : last.cells() == 0 ? last.stores() : Math.round((double) last.stores() * cells / last.cells());
        int workers = arguments.has("workers") ? arguments.getInt("workers", 1, 10_000) : 1;
        int rps = settings.upstream().maxRequestsPerSecond();
        double perProcess = last.pagesPerSecond() / last.processes();
        int held = settings.publish().keepPublished() + 1;
        CapacityPlan plan = new CapacityPlan(cells, stores, workers, last.pagesPerCell(), last.pagesPerStore(),
                last.storedBytesPerPage(), perProcess, last.pagesPerSecond() >= 0.9 * rps, rps, held, settings.alerts().timeBudget());
        print(plan, last, arguments.has("stores"), out);
        return plan.fits() ? 0 : 1;
    }

    private Measured lastRun(Slot slot) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT generation, job_execution_id FROM worker_generation
                WHERE state <> 'WRITING' AND pages > 0 AND (? IS NULL OR slot = ?)
                ORDER BY created_at DESC LIMIT 1""", slot == null ? null : slot.id(), slot == null ? null : slot.id());
        if (rows.isEmpty()) {
            throw new IllegalStateException("no finished run to measure yet" + (slot == null ? "" : " in the " + slot.id() + " slot")
                    + ": run one first (./hexsnap worker run), even on a small grid");
        }
        String generation = (String) rows.getFirst().get("generation");
        Number execution = (Number) rows.getFirst().get("job_execution_id");
        Map<String, Object> c = jdbc.queryForMap("""
                SELECT COUNT(*) n, COALESCE(SUM(pages), 0) pages, COALESCE(SUM(stored_bytes), 0) bytes,
                       MIN(crawled_at) first, MAX(crawled_at) last FROM worker_cell WHERE generation = ?""", generation);
        Map<String, Object> s = jdbc.queryForMap("""
                SELECT COUNT(*) n, COALESCE(SUM(pages), 0) pages, COALESCE(SUM(stored_bytes), 0) bytes, MAX(crawled_at) last
                FROM worker_store WHERE generation = ? AND status = 'COMPLETE'""", generation);
        long cells = number(c.get("n"));
        long stores = number(s.get("n"));
        long cellPages = number(c.get("pages"));
        long storePages = number(s.get("pages"));
        long pages = cellPages + storePages;
        Timestamp first = (Timestamp) c.get("first");
        Timestamp lastCell = (Timestamp) c.get("last");
        Timestamp lastStore = (Timestamp) s.get("last");
        Timestamp end = lastStore != null && lastStore.after(lastCell) ? lastStore : lastCell;
        Duration crawl = Duration.between(first.toInstant(), end.toInstant());
        int processes = execution == null ? 1 : Math.max(1, jdbc.queryForObject(
                "SELECT COUNT(DISTINCT worker) FROM worker_partition_lease WHERE job_execution_id = ?", Integer.class, execution.longValue()));
        double seconds = Math.max(1, crawl.toMillis() / 1000.0);
        return new Measured(generation, cells, stores, cells == 0 ? 0 : (double) cellPages / cells,
                stores == 0 ? 0 : (double) storePages / stores, pages == 0 ? 0 : (double) (number(c.get("bytes")) + number(s.get("bytes"))) / pages,
                pages / seconds, processes, crawl);
    }

    private long currentGridCells(Measured last) {
        List<Long> counts = jdbc.queryForList("""
                SELECT COUNT(*) FROM grid_cell g JOIN worker_generation w ON w.generation = ?
                WHERE g.build_id = (SELECT build_id FROM grid_current WHERE id = 1)
                  AND FIND_IN_SET(g.resolution, w.resolutions) > 0""", Long.class, last.generation());
        return counts.isEmpty() || counts.getFirst() == 0 ? last.cells() : counts.getFirst();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static void print(CapacityPlan plan, Measured last, boolean storesGiven, PrintStream out) {
        out.printf("capacity plan: %s hot cells, %s open stores%s, %d worker process(es)%n", HumanFormat.count(plan.cells()),
                HumanFormat.count(plan.stores()), storesGiven ? "" : " (scaled from the last run's stores per cell)", plan.workers());
        out.printf("measured by generation %s (%s cells, %s stores, crawled in %s by %d process(es)): %.1f pages/cell, "
                        + "%.1f pages/store, %s stored per page, %.0f pages/s per process%n%n",
                last.generation(), HumanFormat.count(last.cells()), HumanFormat.count(last.stores()), HumanFormat.duration(last.crawl()),
                last.processes(), plan.pagesPerCell(), plan.pagesPerStore(), HumanFormat.bytes(Math.round(plan.storedBytesPerPage())),
                plan.pagesPerSecondPerProcess());
        out.printf("%-14s %s%n", "pages", HumanFormat.count(plan.pages()));
        out.printf("%-14s %s (one generation)%n", "stored", HumanFormat.bytes(plan.storedBytes()));
        out.printf("%-14s %s (%d generations at once: those kept for rollback and the one being written; %d B per key)%n",
                "redis memory", HumanFormat.bytes(plan.redisBytes()), plan.generationsHeld(), CapacityPlan.KEY_OVERHEAD_BYTES);
        out.printf("%-14s %.0f pages/s, %s%n", "rate", plan.rate(), plan.limitedByCeiling()
                ? "held by the ceiling (" + plan.requestsPerSecond() + " requests/s); " + plan.workersForCeiling()
                + " process(es) reach it"
                : "held by the processes; the ceiling (" + plan.requestsPerSecond() + "/s) needs " + plan.workersForCeiling()
                + (plan.ceilingBound() ? " (at most: the last run was itself held by the ceiling)" : ""));
        out.printf("%-14s %s%n", "crawl time", HumanFormat.duration(plan.crawlTime()));
        out.printf("%-14s %s (alerts.time-budget): %s%n", "window", HumanFormat.duration(plan.window()),
                plan.fits() ? "fits" : "DOES NOT FIT: add workers or raise the ceiling, or crawl fewer cells");
    }
}
