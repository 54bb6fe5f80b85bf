package dev.hexsnap.worker.remote;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code worker_partition_lease} rows: which worker process took which partition, and when it
 * last said it was alive. A worker claims a partition in the transaction that takes its request
 * off the queue, so a partition is either queued or leased, never lost between the two.
 *
 * <p>Thread-safe (stateless over {@link JdbcTemplate}).
 */
final class PartitionLeases {

    /**
     * A lease as the manager reads it.
     *
     * @param worker     {@code pid@host} of the process that took the partition
     * @param heartbeat  its last sign of life
     * @param finished   whether it returned from the step
     */
    record Lease(String worker, Instant heartbeat, boolean finished) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PartitionLeases(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records that {@code worker} took the partition, in the caller's transaction, unless a worker
     * already did (a request queued twice: the manager re-queues one it believes lost).
     *
     * @return whether this worker has it now
     */
    boolean claim(long stepExecutionId, long jobExecutionId, String stepName, String worker) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.update("""
                INSERT IGNORE INTO worker_partition_lease (step_execution_id, job_execution_id, step_name, worker, claimed_at, heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                stepExecutionId, jobExecutionId, stepName, worker, now, now) == 1;
    }

    /** Refreshes the heartbeat of the partitions this worker is running. */
    void beat(Collection<Long> stepExecutionIds, String worker) {
        if (stepExecutionIds.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate("UPDATE worker_partition_lease SET heartbeat_at = ? WHERE step_execution_id = ? AND worker = ?",
                stepExecutionIds.stream().map(id -> new Object[]{now, id, worker}).toList());
    }

    void finish(long stepExecutionId, String worker) {
        jdbc.update("UPDATE worker_partition_lease SET finished_at = ? WHERE step_execution_id = ? AND worker = ?",
                Timestamp.from(clock.instant()), stepExecutionId, worker);
    }

    /** The leases of these partitions; a partition absent from the map was not taken by any worker. */
    Map<Long, Lease> find(Collection<Long> stepExecutionIds) {
        Map<Long, Lease> leases = new HashMap<>();
        if (stepExecutionIds.isEmpty()) {
            return leases;
        }
        List<Long> ids = List.copyOf(stepExecutionIds);
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(","));
        jdbc.query("SELECT step_execution_id, worker, heartbeat_at, finished_at FROM worker_partition_lease"
                        + " WHERE step_execution_id IN (" + marks + ")",
                rs -> {
                    leases.put(rs.getLong(1), new Lease(rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) != null));
                }, ids.toArray());
        return leases;
    }
}
