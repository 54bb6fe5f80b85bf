package dev.hexsnap.worker.crawl;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells crawled into a generation ({@code worker_cell}): written in the chunk's
 * transaction, so a chunk redone after a crash records each cell once. Thread-safe.
 */
public final class CellLedger {

    public static final String COMPLETE = "COMPLETE";
    public static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CellLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records (or, on a re-run, replaces) the outcome of each cell. */
    public void record(String generation, List<CellOutcome> outcomes) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(outcomes.size());
        for (CellOutcome outcome : outcomes) {
            rows.add(new Object[]{generation, outcome.cell().resolution(), outcome.cell().cell(),
                    outcome.complete() ? COMPLETE : FAILED, outcome.serviceable(),
                    String.join(",", outcome.channels()),
                    outcome.entries().size(), outcome.rawBytes(), outcome.storedBytes(), now});
        }
        jdbc.batchUpdate("""
                INSERT INTO worker_cell
                  (generation, resolution, cell_id, status, serviceable, channels, pages, raw_bytes, stored_bytes, crawled_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE status = VALUES(status), serviceable = VALUES(serviceable),
                  channels = VALUES(channels), pages = VALUES(pages), raw_bytes = VALUES(raw_bytes),
                  stored_bytes = VALUES(stored_bytes), crawled_at = VALUES(crawled_at)""", rows);
    }

    /** Marks cells failed whose stored pages went missing (see the publish step's verification). */
    public void markFailed(String generation, int resolution, List<Long> cells) {
        List<Object[]> rows = cells.stream().map(c -> new Object[]{generation, resolution, c}).toList();
        jdbc.batchUpdate("UPDATE worker_cell SET status = 'FAILED' WHERE generation = ? AND resolution = ? AND cell_id = ?", rows);
    }
}
