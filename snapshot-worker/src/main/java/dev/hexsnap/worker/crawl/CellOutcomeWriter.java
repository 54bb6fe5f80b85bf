package dev.hexsnap.worker.crawl;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec.EncodedEntry;
import dev.hexsnap.worker.entries.GenerationWriter;
import dev.hexsnap.worker.failure.FailureLog;
import dev.hexsnap.worker.store.StoreRegistry;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chunk of crawled cells: their pages into the generation in Redis first (acknowledged),
 * then, in the chunk's transaction, the cells' outcomes, their failures and the stores they
 * showed. A crash between the two redoes the chunk on restart: the same keys are set again
 * and the rows written once.
 */
public final class CellOutcomeWriter implements ItemStreamWriter<CellOutcome> {

    private final GenerationWriter redis;
    private final CellLedger cells;
    private final FailureLog failures;
    private final StoreRegistry stores;
    private final HexGrid grid;
    private final String generation;
    private final boolean rerun;

    /**
     * @param rerun whether cells are crawled again after failing (their earlier failures are then resolved
     *              when they complete); a first crawl has no earlier failures to look for
     */
    public CellOutcomeWriter(GenerationWriter redis, CellLedger cells, FailureLog failures, StoreRegistry stores,
                             HexGrid grid, String generation, boolean rerun) {
        this.redis = redis;
        this.cells = cells;
        this.failures = failures;
        this.stores = stores;
        this.grid = grid;
        this.generation = generation;
        this.rerun = rerun;
    }

    @Override
    public void write(Chunk<? extends CellOutcome> chunk) {
        List<CellOutcome> outcomes = new ArrayList<>(chunk.getItems());
        List<EncodedEntry> entries = new ArrayList<>();
        for (CellOutcome outcome : outcomes) {
            entries.addAll(outcome.entries());
        }
        redis.write(entries);
        cells.record(generation, outcomes);
        if (rerun) {
            // This crawl's outcome replaces what was recorded before: pages that succeeded now are
            // healed even when another page of the cell still fails (recorded again just below).
            failures.resolve(generation, FailureLog.CELL, outcomes.stream().map(o -> grid.toAddress(o.cell().cell())).toList());
        }
        for (CellOutcome outcome : outcomes) {
            if (!outcome.complete()) {
                failures.record(generation, FailureLog.CELL, grid.toAddress(outcome.cell().cell()), outcome.cell().resolution(),
                        outcome.failures());
            }
        }
        stores.discovered(generation, outcomes);
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
