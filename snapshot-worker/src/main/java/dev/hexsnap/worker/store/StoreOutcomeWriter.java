package dev.hexsnap.worker.store;

import dev.hexsnap.core.snapshot.SnapshotEntryCodec.EncodedEntry;
import dev.hexsnap.worker.entries.GenerationWriter;
import dev.hexsnap.worker.failure.FailureLog;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chunk of crawled stores: pages into Redis first (acknowledged), then the stores'
 * outcomes and failures in the chunk's transaction.
 */
public final class StoreOutcomeWriter implements ItemStreamWriter<StoreOutcome> {

    private final GenerationWriter redis;
    private final StoreRegistry stores;
    private final FailureLog failures;
    private final String generation;
    private final boolean rerun;

    /** @param rerun whether stores are crawled again after failing (their earlier failures are then resolved) */
    public StoreOutcomeWriter(GenerationWriter redis, StoreRegistry stores, FailureLog failures, String generation, boolean rerun) {
        this.redis = redis;
        this.stores = stores;
        this.failures = failures;
        this.generation = generation;
        this.rerun = rerun;
    }

    @Override
    public void write(Chunk<? extends StoreOutcome> chunk) {
        List<StoreOutcome> outcomes = new ArrayList<>(chunk.getItems());
        List<EncodedEntry> entries = new ArrayList<>();
        for (StoreOutcome outcome : outcomes) {
            entries.addAll(outcome.entries());
        }
        redis.write(entries);
        stores.record(outcomes);
        if (rerun) {
            // This crawl's outcome replaces what was recorded before: pages that succeeded now are
            // healed even when another page of the store still fails (recorded again just below).
            failures.resolve(generation, FailureLog.STORE, outcomes.stream().map(o -> o.store().storeId()).toList());
        }
        for (StoreOutcome outcome : outcomes) {
            if (!outcome.failures().isEmpty()) {
                failures.record(generation, FailureLog.STORE, outcome.store().storeId(), null, outcome.failures());
            }
        }
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
