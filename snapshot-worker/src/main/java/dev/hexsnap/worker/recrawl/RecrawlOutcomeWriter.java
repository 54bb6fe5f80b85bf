package dev.hexsnap.worker.recrawl;

import dev.hexsnap.core.snapshot.SnapshotEntryCodec.EncodedEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.worker.entries.GenerationWriter;
import dev.hexsnap.worker.failure.FailureLog;
import dev.hexsnap.worker.failure.PageFailure;
import dev.hexsnap.worker.store.StoreOutcome;
import dev.hexsnap.worker.store.StoreRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a chunk of re-crawled stores into the generation the slot serves.
 *
 * <ul>
 *   <li>A store crawled completely: its pages are SET over the old ones (each key is replaced
 *       atomically, with a fresh TTL; a reader sees the old page or the new one, never a gap),
 *       then the product pages it no longer has (a leaf gone from its tree, a second page gone)
 *       are deleted; its {@code worker_store} row and open failures follow; request DONE.</li>
 *   <li>A store with any page failed: nothing of it is written, so its stored pages stay
 *       one consistent (older) crawl; request FAILED with the error.</li>
 *   <li>A store that is not open: skipped, as the nightly store step skips it; its stored pages
 *       are left as they were; request DONE.</li>
 * </ul>
 *
 * Redis first (acknowledged), then the MySQL rows in the chunk's transaction: a crash in between
 * leaves the requests IN_PROGRESS, a later run crawls those stores again and SETs the same keys.
 * Not thread-safe: one per step execution (step-scoped).
 */
public final class RecrawlOutcomeWriter implements ItemStreamWriter<StoreOutcome> {

    private static final Logger log = LoggerFactory.getLogger(RecrawlOutcomeWriter.class);

    private final GenerationWriter redis;
    private final SnapshotStore store;
    private final RecrawlQueue queue;
    private final JdbcTemplate jdbc;
    private final FailureLog failures;
    private final String generation;
    private final String claim;
    private final Clock clock;
    private final AtomicInteger done = new AtomicInteger();

    public RecrawlOutcomeWriter(GenerationWriter redis, SnapshotStore store, RecrawlQueue queue, JdbcTemplate jdbc,
                                FailureLog failures, String generation, String claim, Clock clock) {
        this.redis = redis;
        this.store = store;
        this.queue = queue;
        this.jdbc = jdbc;
        this.failures = failures;
        this.generation = generation;
        this.claim = claim;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends StoreOutcome> chunk) {
        List<EncodedEntry> entries = new ArrayList<>();
        List<StoreOutcome> complete = new ArrayList<>();
        List<RecrawlQueue.Finished> finished = new ArrayList<>();
        for (StoreOutcome outcome : chunk.getItems()) {
            String storeId = outcome.store().storeId();
            switch (outcome.status()) {
                case StoreRegistry.COMPLETE -> {
                    entries.addAll(outcome.entries());
                    complete.add(outcome);
                }
                case StoreRegistry.CLOSED -> finished.add(new RecrawlQueue.Finished(storeId, RecrawlQueue.DONE, generation, 0,
                        "not open: skipped (as the nightly crawl does); its stored pages were left as they were"));
                default -> finished.add(new RecrawlQueue.Finished(storeId, RecrawlQueue.FAILED, generation, 0,
                        describe(outcome.failures()) + "; nothing written, its stored pages were left as they were"));
            }
        }
        redis.write(entries);
        for (StoreOutcome outcome : complete) {
            int removed = removeObsoletePages(outcome);
            finished.add(new RecrawlQueue.Finished(outcome.store().storeId(), RecrawlQueue.DONE, generation,
                    outcome.entries().size(), outcome.entries().size() + " pages written"
                    + (removed > 0 ? ", " + removed + " obsolete product page(s) removed" : "")));
        }
        recordStores(complete);
        failures.resolve(generation, FailureLog.STORE, complete.stream().map(o -> o.store().storeId()).toList());
        queue.finish(claim, finished);
        int total = done.addAndGet(finished.size());
        long failed = finished.stream().filter(f -> RecrawlQueue.FAILED.equals(f.status())).count();
        log.info("re-crawled {} more store(s) into {} ({} so far{})", finished.size(), generation, total,
                failed > 0 ? ", " + failed + " of these failed" : "");
    }

    /**
     * Deletes the product pages the store had in this generation ({@code worker_store.leaf_pages})
     * that the new crawl did not write. A store the generation has no row for is left alone: its
     * old keys are unknown without a scan of the whole generation.
     */
    private int removeObsoletePages(StoreOutcome outcome) {
        String storeId = outcome.store().storeId();
        List<String> old = jdbc.queryForList("SELECT leaf_pages FROM worker_store WHERE generation = ? AND store_id = ?",
                String.class, generation, storeId);
        if (old.isEmpty()) {
            return 0;
        }
        Set<SnapshotKey> written = new LinkedHashSet<>();
        outcome.entries().forEach(e -> written.add(e.key()));
        int removed = 0;
        for (SnapshotKey key : obsoleteProductPages(storeId, old.getFirst(), written)) {
            Long n = store.redis().await(store.redis().del(store.entryKey(generation, key)));
            removed += n == null ? 0 : n.intValue();
        }
        return removed;
    }

    /**
     * The product pages listed in {@code leafPages} ({@code categoryId:pages,...}, as
     * {@code worker_store} records them) that are not among {@code written}.
     */
    static List<SnapshotKey> obsoleteProductPages(String storeId, String leafPages, Set<SnapshotKey> written) {
        List<SnapshotKey> obsolete = new ArrayList<>();
        if (leafPages == null || leafPages.isBlank()) {
            return obsolete;
        }
        for (String leaf : leafPages.split(",")) {
            int colon = leaf.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            int pages;
            try {
                pages = Integer.parseInt(leaf.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            String categoryId = leaf.substring(0, colon).trim();
            for (int page = 1; page <= pages; page++) {
                SnapshotKey key;
                try {
                    key = new SnapshotKey.StoreProducts(storeId, categoryId, page);
                } catch (IllegalArgumentException e) {
                    continue; // not a key anything could have been stored under
                }
                if (!written.contains(key)) {
                    obsolete.add(key);
                }
            }
        }
        return obsolete;
    }

    private void recordStores(List<StoreOutcome> complete) {
        if (complete.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(complete.size());
        for (StoreOutcome o : complete) {
            rows.add(new Object[]{o.leafPages(), o.entries().size(), o.rawBytes(), o.storedBytes(), now, generation,
                    o.store().storeId()});
        }
        jdbc.batchUpdate("""
                UPDATE worker_store SET status = 'COMPLETE', leaf_pages = ?, pages = ?, raw_bytes = ?, stored_bytes = ?,
                  crawled_at = ?
                WHERE generation = ? AND store_id = ?""", rows);
    }

    private static String describe(List<PageFailure> failed) {
        if (failed.isEmpty()) {
            return "failed";
        }
        PageFailure first = failed.getFirst();
        return first.page() + ": " + first.error() + " (" + first.attempts() + " attempt" + (first.attempts() == 1 ? "" : "s") + ")"
                + (failed.size() > 1 ? "; " + (failed.size() - 1) + " more page(s) failed" : "");
    }

    @Override
    public void open(ExecutionContext executionContext) {
        // The Redis connection opens on first write.
    }

    @Override
    public void close() {
        redis.close();
    }
}
