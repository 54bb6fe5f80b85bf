package dev.hexsnap.worker.failure;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The failures of a generation in MySQL ({@code worker_failure}), one row per target and
 * page: what {@code rerun-failures} works from and what operators read. Writes join the
 * caller's transaction (the chunk's), so a chunk redone after a crash records nothing twice.
 * Thread-safe.
 */
public final class FailureLog {

    /** A cell target. */
    public static final String CELL = "cell";
    /** A store target. */
    public static final String STORE = "store";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FailureLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the failures of one target; a page that failed before gets its attempts added
     * and is open again.
     */
    public void record(String generation, String kind, String target, Integer resolution, List<PageFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(failures.size());
        for (PageFailure failure : failures) {
            rows.add(new Object[]{generation, kind, target, resolution, truncate(failure.page(), 200),
                    truncate(failure.error(), 1000), failure.attempts(), now, now});
        }
        jdbc.batchUpdate("""
                INSERT INTO worker_failure
                  (generation, target_kind, target, resolution, page, error, attempts, first_failed_at, last_failed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE error = VALUES(error), attempts = attempts + VALUES(attempts),
                  last_failed_at = VALUES(last_failed_at), resolved_at = NULL""", rows);
    }

    /** Marks every open failure of a target resolved (it is now complete). */
    public void resolve(String generation, String kind, List<String> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(targets.size());
        for (String target : targets) {
            rows.add(new Object[]{now, generation, kind, target});
        }
        jdbc.batchUpdate("""
                UPDATE worker_failure SET resolved_at = ?
                WHERE generation = ? AND target_kind = ? AND target = ? AND resolved_at IS NULL""", rows);
    }

    /** Open (unresolved) failure records of a generation. */
    public int open(String generation) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM worker_failure WHERE generation = ? AND resolved_at IS NULL", Integer.class, generation);
        return count == null ? 0 : count;
    }

    /** The open failures of a generation, oldest first, at most {@code limit}. */
    public List<Entry> list(String generation, int limit) {
        return jdbc.query("""
                SELECT target_kind, target, resolution, page, error, attempts, first_failed_at, last_failed_at
                FROM worker_failure WHERE generation = ? AND resolved_at IS NULL
                ORDER BY target_kind, target, page LIMIT ?""",
                (rs, n) -> new Entry(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3, Integer.class),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant()),
                generation, limit);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** One open failure. */
    public record Entry(String kind, String target, Integer resolution, String page, String error, int attempts,
                        Instant firstFailedAt, Instant lastFailedAt) {
    }
}
