package dev.hexsnap.worker.publish;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.worker.crawl.CellLedger;
import dev.hexsnap.worker.failure.FailureLog;
import dev.hexsnap.worker.failure.PageFailure;
import dev.hexsnap.worker.generation.GenerationRun;
import dev.hexsnap.worker.store.StoreRegistry;
import io.lettuce.core.RedisFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before publishing, that every page MySQL says was stored is in Redis. Redis can
 * lose what it acknowledged (a restart without persistence, a failover to a lagging
 * replica); a cell or store with a page missing becomes a failure again, so coverage counts
 * it out and {@code rerun-failures} fetches it again. Reads the ledgers in key order, a
 * batch at a time, and asks Redis with pipelined PTTLs (no value transferred).
 */
public final class EntryVerifier {

    private static final Logger log = LoggerFactory.getLogger(EntryVerifier.class);
    private static final int BATCH = 2_000;

    private final JdbcTemplate jdbc;
    private final SnapshotStore store;
    private final CellLedger cells;
    private final StoreRegistry stores;
    private final FailureLog failures;
    private final HexGrid grid;

    public EntryVerifier(JdbcTemplate jdbc, SnapshotStore store, CellLedger cells, StoreRegistry stores, FailureLog failures,
                         HexGrid grid) {
        this.jdbc = jdbc;
        this.store = store;
        this.cells = cells;
        this.stores = stores;
        this.failures = failures;
        this.grid = grid;
    }

    private record CellRow(long cell, String channels) {
    }

    private record StoreRow(long id, String storeId, String leafPages) {
    }

    /** @return cells and stores found incomplete (now marked FAILED) */
    public int verify(GenerationRun run) {
        int broken = 0;
        long checked = 0;
        for (int resolution : run.resolutions()) {
            long after = Long.MIN_VALUE;
            while (true) {
                List<CellRow> rows = jdbc.query("""
                        SELECT cell_id, channels FROM worker_cell
                        WHERE generation = ? AND resolution = ? AND status = 'COMPLETE' AND cell_id > ?
                        ORDER BY cell_id LIMIT ?""", (rs, n) -> new CellRow(rs.getLong(1), rs.getString(2)),
                        run.generation(), resolution, after, BATCH);
                if (rows.isEmpty()) {
                    break;
                }
                after = rows.getLast().cell();
                List<List<SnapshotKey>> expected = new ArrayList<>(rows.size());
                for (CellRow row : rows) {
                    List<SnapshotKey> keys = new ArrayList<>();
                    keys.add(new SnapshotKey.Home(resolution, row.cell()));
                    if (row.channels() != null && !row.channels().isEmpty()) {
                        for (String channel : row.channels().split(",")) {
                            keys.add(new SnapshotKey.ChannelPage(channel, resolution, row.cell()));
                        }
                    }
                    expected.add(keys);
                }
                List<String> missing = missing(run.generation(), expected);
                List<Long> lost = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    checked += expected.get(i).size();
                    if (missing.get(i) != null) {
                        long cell = rows.get(i).cell();
                        lost.add(cell);
                        failures.record(run.generation(), FailureLog.CELL, grid.toAddress(cell), resolution,
                                List.of(new PageFailure(missing.get(i), "stored, then missing from Redis (lost data?)", 0)));
                    }
                }
                if (!lost.isEmpty()) {
                    cells.markFailed(run.generation(), resolution, lost);
                    broken += lost.size();
                }
            }
        }
        long after = 0;
        while (true) {
            List<StoreRow> rows = jdbc.query("""
                    SELECT id, store_id, leaf_pages FROM worker_store
                    WHERE generation = ? AND status = 'COMPLETE' AND id > ? ORDER BY id LIMIT ?""",
                    (rs, n) -> new StoreRow(rs.getLong(1), rs.getString(2), rs.getString(3)), run.generation(), after, BATCH);
            if (rows.isEmpty()) {
                break;
            }
            after = rows.getLast().id();
            List<List<SnapshotKey>> expected = new ArrayList<>(rows.size());
            for (StoreRow row : rows) {
                List<SnapshotKey> keys = new ArrayList<>();
                keys.add(new SnapshotKey.StoreCategories(row.storeId()));
                if (row.leafPages() != null && !row.leafPages().isEmpty()) {
                    for (String leaf : row.leafPages().split(",")) {
                        int colon = leaf.lastIndexOf(':');
                        int pages = Integer.parseInt(leaf.substring(colon + 1));
                        for (int page = 1; page <= pages; page++) {
                            keys.add(new SnapshotKey.StoreProducts(row.storeId(), leaf.substring(0, colon), page));
                        }
                    }
                }
                expected.add(keys);
            }
            List<String> missing = missing(run.generation(), expected);
            List<Long> lost = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                checked += expected.get(i).size();
                if (missing.get(i) != null) {
                    lost.add(rows.get(i).id());
                    failures.record(run.generation(), FailureLog.STORE, rows.get(i).storeId(), null,
                            List.of(new PageFailure(missing.get(i), "stored, then missing from Redis (lost data?)", 0)));
                }
            }
            if (!lost.isEmpty()) {
                stores.markFailed(lost);
                broken += lost.size();
            }
        }
        if (broken > 0) {
            log.warn("verification: {} entries checked; {} cells or stores lost pages in Redis and count as failed", checked, broken);
        } else {
            log.info("verification: all {} entries recorded as stored are in Redis", checked);
        }
        return broken;
    }

    /** For each group of keys, the path of its first key absent from Redis, or null when all are present. */
    private List<String> missing(String generation, List<List<SnapshotKey>> groups) {
        RedisKeyValue redis = store.redis();
        List<List<RedisFuture<Long>>> futures = new ArrayList<>(groups.size());
        for (List<SnapshotKey> group : groups) {
            List<RedisFuture<Long>> f = new ArrayList<>(group.size());
            for (SnapshotKey key : group) {
                f.add(redis.pttl(store.entryKey(generation, key)));
            }
            futures.add(f);
        }
        List<String> result = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            String first = null;
            for (int k = 0; k < groups.get(i).size(); k++) {
                Long ttl = redis.await(futures.get(i).get(k));
                if (first == null && ttl != null && ttl == -2) {
                    first = groups.get(i).get(k).path();
                }
            }
            result.add(first);
        }
        return result;
    }
}
