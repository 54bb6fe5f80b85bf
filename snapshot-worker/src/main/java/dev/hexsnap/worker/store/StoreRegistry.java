package dev.hexsnap.worker.store;

import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.worker.crawl.CellOutcome;
import dev.hexsnap.worker.crawl.StoreSighting;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stores of a generation ({@code worker_store}), de-duplicated across every cell by a
 * unique key: the first sighting inserts the store, later ones only count. A store card
 * saying it is not open marks it CLOSED (skipped). Thread-safe.
 */
public final class StoreRegistry {

    public static final String PENDING = "PENDING";
    public static final String COMPLETE = "COMPLETE";
    public static final String FAILED = "FAILED";
    public static final String CLOSED = "CLOSED";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public StoreRegistry(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Adds the stores a chunk of cells showed. Rows are written in store-id order so that
     * partitions upserting the same stores at once lock them in the same order (no deadlock).
     */
    public void discovered(String generation, List<CellOutcome> outcomes) {
        Map<String, Sighting> merged = new TreeMap<>();
        for (CellOutcome outcome : outcomes) {
            for (Map.Entry<String, StoreSighting> store : outcome.stores().entrySet()) {
                StoreSighting s = store.getValue();
                merged.merge(store.getKey(), new Sighting(s.pages(), s.cardStatus(), outcome.cell().resolution(), outcome.cell().cell()),
                        (a, b) -> new Sighting(a.pages + b.pages, a.cardStatus != null ? a.cardStatus : b.cardStatus,
                                a.resolution, a.cell));
            }
        }
        if (merged.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(merged.size());
        merged.forEach((storeId, s) -> rows.add(new Object[]{generation, storeId, s.cardStatus, s.pages, s.resolution, s.cell,
                s.cardStatus == null || StoreCard.OPEN.equals(s.cardStatus) ? PENDING : CLOSED}));
        jdbc.batchUpdate("""
                INSERT INTO worker_store (generation, store_id, card_status, seen_count, first_resolution, first_cell, status)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE seen_count = seen_count + VALUES(seen_count),
                  status = CASE WHEN status = 'PENDING' AND VALUES(status) = 'CLOSED' THEN 'CLOSED' ELSE status END,
                  card_status = COALESCE(card_status, VALUES(card_status))""", rows);
    }

    /** Records the outcome of each crawled store. */
    public void record(List<StoreOutcome> outcomes) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(outcomes.size());
        for (StoreOutcome outcome : outcomes) {
            rows.add(new Object[]{outcome.status(), outcome.leafPages(), outcome.entries().size(), outcome.rawBytes(),
                    outcome.storedBytes(), now, outcome.store().id()});
        }
        jdbc.batchUpdate("""
                UPDATE worker_store SET status = ?, leaf_pages = ?, pages = ?, raw_bytes = ?, stored_bytes = ?, crawled_at = ?
                WHERE id = ?""", rows);
    }

    /** Marks stores failed whose stored pages went missing. */
    public void markFailed(List<Long> ids) {
        jdbc.batchUpdate("UPDATE worker_store SET status = 'FAILED' WHERE id = ?", ids.stream().map(id -> new Object[]{id}).toList());
    }

    private record Sighting(int pages, String cardStatus, int resolution, long cell) {
    }
}
