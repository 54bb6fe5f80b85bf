package dev.hexsnap.worker.store;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cuts a generation's stores into {@code gridSize} ranges of their row id, named
 * {@code stores-p<n>}. The store step starts after the cell step has found every store, so
 * the ranges do not move between a crash and its restart.
 */
public final class StoreRangePartitioner implements Partitioner {

    public static final String FIRST = "firstId";
    public static final String LAST = "lastId";

    private final JdbcTemplate jdbc;
    private final String generation;

    public StoreRangePartitioner(JdbcTemplate jdbc, String generation) {
        this.jdbc = jdbc;
        this.generation = generation;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, Object> range = jdbc.queryForMap("SELECT MIN(id) AS lo, MAX(id) AS hi FROM worker_store WHERE generation = ?",
                generation);
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if (range.get("lo") == null) {
            // No store at all: one empty partition keeps the step's shape.
            ExecutionContext context = new ExecutionContext();
            context.putLong(FIRST, 1);
            context.putLong(LAST, 0);
            partitions.put("stores-p0", context);
            return partitions;
        }
        long lo = ((Number) range.get("lo")).longValue();
        long hi = ((Number) range.get("hi")).longValue();
        long size = (hi - lo + gridSize) / gridSize;
        for (int p = 0; p < gridSize && lo + p * size <= hi; p++) {
            ExecutionContext context = new ExecutionContext();
            long first = lo + p * size;
            context.putLong(FIRST, first);
            context.putLong(LAST, Math.min(hi, first + size - 1));
            partitions.put("stores-p" + p, context);
        }
        return partitions;
    }
}
