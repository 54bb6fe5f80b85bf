package dev.hexsnap.worker.generation;

import dev.hexsnap.core.page.Slot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The worker's record of its generations in MySQL ({@code worker_generation}): what was run,
 * by which Batch execution, its heartbeat, and the coverage verdict. Thread-safe.
 */
public final class GenerationLedger {

    public static final String WRITING = "WRITING";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String REFUSED = "REFUSED";
    public static final String RETIRED = "RETIRED";
    public static final String DELETED = "DELETED";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public GenerationLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a generation when its first run starts; a restart finds it there and keeps it. */
    public void register(GenerationRun run) {
        Timestamp now = now();
        jdbc.update("""
                INSERT IGNORE INTO worker_generation
                  (generation, slot, run_date, crawl_moment, resolutions, grid_build_id, state, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'WRITING', ?, ?)""",
                run.generation(), run.slot().id(), java.sql.Date.valueOf(run.runDate()), Timestamp.from(run.at()),
                run.resolutionList(), run.gridBuild(), now, now);
    }

    /** Notes which Batch execution works on the generation now, and from where. */
    public void attach(String generation, String jobName, long jobExecutionId, String runner) {
        Timestamp now = now();
        jdbc.update("""
                UPDATE worker_generation SET job_name = ?, job_execution_id = ?, runner = ?, heartbeat_at = ?, updated_at = ?
                WHERE generation = ?""", jobName, jobExecutionId, runner, now, now, generation);
    }

    public void heartbeat(String generation) {
        jdbc.update("UPDATE worker_generation SET heartbeat_at = ? WHERE generation = ?", now(), generation);
    }

    /** Clears the heartbeat when an execution ends, so that nobody takes it for running. */
    public void detach(String generation) {
        jdbc.update("UPDATE worker_generation SET heartbeat_at = NULL, updated_at = ? WHERE generation = ?", now(), generation);
    }

    public void setState(String generation, String state) {
        jdbc.update("UPDATE worker_generation SET state = ?, updated_at = ? WHERE generation = ?", state, now(), generation);
    }

    /** Stores the figures and the decision of a coverage evaluation. */
    public void recordVerdict(String generation, Verdict verdict) {
        Timestamp now = now();
        jdbc.update("""
                UPDATE worker_generation SET state = ?, finished_at = ?, updated_at = ?,
                  published_at = CASE WHEN ? = 'PUBLISHED' THEN ? ELSE published_at END,
                  cells_total = ?, cells_complete = ?, stores_total = ?, stores_complete = ?, stores_closed = ?,
                  pages = ?, raw_bytes = ?, stored_bytes = ?, failures = ?, cell_coverage = ?, store_coverage = ?, verdict = ?
                WHERE generation = ?""",
                verdict.state(), now, now, verdict.state(), now,
                verdict.cellsTotal(), verdict.cellsComplete(), verdict.storesTotal(), verdict.storesComplete(),
                verdict.storesClosed(), verdict.pages(), verdict.rawBytes(), verdict.storedBytes(), verdict.failures(),
                verdict.cellCoverage(), verdict.storeCoverage(), truncate(verdict.reason(), 1000), generation);
    }

    public Optional<Entry> find(String generation) {
        return jdbc.query("SELECT * FROM worker_generation WHERE generation = ?", MAPPER, generation).stream().findFirst();
    }

    /** The generation worked on most recently (any job). */
    public Optional<Entry> latest() {
        return jdbc.query("SELECT * FROM worker_generation ORDER BY updated_at DESC, created_at DESC LIMIT 1", MAPPER)
                .stream().findFirst();
    }

    /** The generation of {@code slot} worked on most recently. */
    public Optional<Entry> latest(Slot slot) {
        return jdbc.query("SELECT * FROM worker_generation WHERE slot = ? ORDER BY updated_at DESC, created_at DESC LIMIT 1",
                MAPPER, slot.id()).stream().findFirst();
    }

    /** Every generation, newest first. */
    public List<Entry> all(int limit) {
        return jdbc.query("SELECT * FROM worker_generation ORDER BY created_at DESC LIMIT ?", MAPPER, limit);
    }

    /** Generations whose heartbeat is fresher than {@code since}: runs in progress. */
    public List<Entry> alive(Instant since) {
        return jdbc.query("SELECT * FROM worker_generation WHERE heartbeat_at IS NOT NULL AND heartbeat_at >= ?", MAPPER,
                Timestamp.from(since));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static final RowMapper<Entry> MAPPER = (rs, n) -> new Entry(
            rs.getString("generation"),
            Slot.fromId(rs.getString("slot")),
            rs.getDate("run_date").toLocalDate(),
            rs.getTimestamp("crawl_moment").toInstant(),
            rs.getString("resolutions"),
            rs.getString("grid_build_id"),
            rs.getString("state"),
            rs.getTimestamp("created_at").toInstant(),
            instant(rs.getTimestamp("finished_at")),
            instant(rs.getTimestamp("published_at")),
            (Integer) rs.getObject("cells_total", Integer.class),
            (Integer) rs.getObject("cells_complete", Integer.class),
            (Integer) rs.getObject("stores_total", Integer.class),
            (Integer) rs.getObject("stores_complete", Integer.class),
            (Long) rs.getObject("pages", Long.class),
            (Long) rs.getObject("stored_bytes", Long.class),
            (Integer) rs.getObject("failures", Integer.class),
            (Double) rs.getObject("cell_coverage", Double.class),
            (Double) rs.getObject("store_coverage", Double.class),
            rs.getString("verdict"),
            rs.getString("job_name"),
            (Long) rs.getObject("job_execution_id", Long.class),
            rs.getString("runner"),
            instant(rs.getTimestamp("heartbeat_at")));

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A row of {@code worker_generation}; figures are null until the first coverage evaluation. */
    public record Entry(String generation, Slot slot, java.time.LocalDate runDate, Instant at, String resolutions,
                        String gridBuild, String state, Instant createdAt, Instant finishedAt, Instant publishedAt,
                        Integer cellsTotal, Integer cellsComplete, Integer storesTotal, Integer storesComplete,
                        Long pages, Long storedBytes, Integer failures, Double cellCoverage, Double storeCoverage,
                        String verdict, String jobName, Long jobExecutionId, String runner, Instant heartbeatAt) {

        public GenerationRun toRun() {
            return new GenerationRun(generation, slot, runDate, at, GenerationRun.parseResolutions(resolutions), gridBuild);
        }
    }

    /**
     * The outcome of a coverage evaluation.
     *
     * @param state  PUBLISHED or REFUSED (or the state kept, for a generation that stays as it is)
     * @param reason one line an operator reads
     */
    public record Verdict(String state, int cellsTotal, int cellsComplete, int storesTotal, int storesComplete,
                          int storesClosed, long pages, long rawBytes, long storedBytes, int failures,
                          double cellCoverage, double storeCoverage, String reason) {
    }
}
