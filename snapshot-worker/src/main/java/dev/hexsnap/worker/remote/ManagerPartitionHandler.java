package dev.hexsnap.worker.remote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.OptimisticLockingFailureException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The manager side of a remote partitioned step: queues one request per partition, then polls the
 * job repository (never a reply channel: replies aggregated over a shared channel can complete the
 * wrong job, spring-batch#4945) until every partition has ended. Spring Batch's own polling handler
 * waits forever for a worker that died (spring-batch#4006); this one watches the workers' leases:
 * <ul>
 *   <li>a partition whose worker's heartbeat is older than {@code staleAfter} is <em>taken over</em>: its
 *       execution is marked FAILED (which also fences the silent worker: its next chunk commit fails on
 *       the execution's version and rolls back), a new execution of the same partition is created with
 *       the old one's execution context (the last committed chunk, as a restart would) and queued;</li>
 *   <li>a partition no worker claimed while the queue stayed empty for longer than {@code staleAfter} had
 *       its request lost (taking and claiming are one transaction, so not by a worker's death; by a queue
 *       row deleted by hand or a database fail-over): it is queued again;</li>
 *   <li>a partition taken over {@code maxTakeovers} times ends FAILED; the step fails once the others end,
 *       and {@code restart} finishes it.</li>
 * </ul>
 * Redis writes are idempotent (the same keys SET again) and the worker tables are written with the
 * chunk's commit, so a partition redone from its last commit neither loses nor doubles a ledger row.
 */
final class ManagerPartitionHandler extends AbstractPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(ManagerPartitionHandler.class);

    private final String stepName;
    private final JobRepository repository;
    private final PartitionQueue queue;
    private final PartitionLeases leases;
    private final Duration pollInterval;
    private final Duration staleAfter;
    private final Duration reportEvery;
    private final int maxTakeovers;
    private final Clock clock;

    ManagerPartitionHandler(String stepName, int gridSize, JobRepository repository, PartitionQueue queue, PartitionLeases leases,
                            Duration pollInterval, Duration staleAfter, Duration reportEvery, int maxTakeovers, Clock clock) {
        this.stepName = stepName;
        this.repository = repository;
        this.queue = queue;
        this.leases = leases;
        this.pollInterval = pollInterval;
        this.staleAfter = staleAfter;
        this.reportEvery = reportEvery;
        this.maxTakeovers = maxTakeovers;
        this.clock = clock;
        setGridSize(gridSize);
    }

    /** One partition being waited for: its current execution, when it was queued, how often it was taken over. */
    private record Tracked(long executionId, Instant queuedAt, int takeovers) {
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerExecution, Set<StepExecution> partitions) throws Exception {
        Map<String, Tracked> open = new TreeMap<>();
        for (StepExecution partition : partitions) {
            queue.send(stepName, partition.getId());
            open.put(partition.getStepName(), new Tracked(partition.getId(), clock.instant(), 0));
        }
        log.info("{}: {} partition(s) queued for the workers (./hexsnap worker serve)", managerExecution.getStepName(), open.size());
        Set<StepExecution> ended = new HashSet<>();
        Instant lastReport = clock.instant();
        while (!open.isEmpty()) {
            Thread.sleep(pollInterval.toMillis());
            // The queue before the leases: a request taken after this reading is claimed in the same transaction, so
            // "queue empty, then still no lease" means the request is lost, never that it was taken in between.
            int waiting = queue.size();
            Instant now = clock.instant();
            Map<Long, PartitionLeases.Lease> held = leases.find(open.values().stream().map(Tracked::executionId).toList());
            List<String> running = new ArrayList<>();
            for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                Tracked tracked = entry.getValue();
                StepExecution current = repository.getStepExecution(tracked.executionId());
                if (!current.getStatus().isRunning()) {
                    ended.add(current);
                    it.remove();
                    continue;
                }
                PartitionLeases.Lease lease = held.get(tracked.executionId());
                if (lease == null) {
                    if (waiting == 0 && Duration.between(tracked.queuedAt(), now).compareTo(staleAfter) > 0) {
                        log.warn("{}: no worker took {} and the queue is empty; queueing it again", managerExecution.getStepName(),
                                entry.getKey());
                        queue.send(stepName, tracked.executionId());
                        entry.setValue(new Tracked(tracked.executionId(), now, tracked.takeovers()));
                    }
                    continue;
                }
                Duration silent = Duration.between(lease.heartbeat(), now);
                if (!lease.finished() && silent.compareTo(staleAfter) <= 0) {
                    running.add(entry.getKey() + "@" + lease.worker());
                    continue;
                }
                String why = lease.finished() ? "worker " + lease.worker() + " returned without ending it"
                        : "worker " + lease.worker() + " silent for " + silent.toSeconds() + " s";
                StepExecution next = takeOver(current, why, tracked.takeovers() < maxTakeovers);
                if (next == null) {
                    continue; // the worker wrote in the meantime: alive after all
                }
                if (next == current) {
                    ended.add(current);
                    it.remove();
                } else {
                    entry.setValue(new Tracked(next.getId(), now, tracked.takeovers() + 1));
                }
            }
            if (Duration.between(lastReport, now).compareTo(reportEvery) >= 0 && !open.isEmpty()) {
                lastReport = now;
                log.info("{}: {} of {} partition(s) ended; running {}; waiting for a worker {}", managerExecution.getStepName(),
                        ended.size(), ended.size() + open.size(), running, open.size() - running.size());
            }
        }
        return ended;
    }

    /**
     * Ends a silent worker's execution FAILED and, if allowed, queues a new execution of the partition
     * that resumes from its last committed chunk.
     *
     * @return the new execution; {@code current} itself when no takeover is left (it ended FAILED); null
     * when the worker updated the execution meanwhile (it is alive)
     */
    private StepExecution takeOver(StepExecution current, String why, boolean again) {
        current.setStatus(BatchStatus.FAILED);
        current.setExitStatus(ExitStatus.FAILED.addExitDescription("taken from its worker: " + why));
        current.setEndTime(java.time.LocalDateTime.now(clock));
        try {
            repository.update(current);
        } catch (OptimisticLockingFailureException e) {
            return null;
        }
        if (!again) {
            log.error("{}: {}; taken over {} time(s) already, it ends FAILED (restart the run to finish it)",
                    current.getStepName(), why, maxTakeovers);
            return current;
        }
        StepExecution next = repository.createStepExecution(current.getStepName(), current.getJobExecution());
        next.setExecutionContext(new ExecutionContext(current.getExecutionContext()));
        repository.updateExecutionContext(next);
        queue.send(stepName, next.getId());
        log.warn("{}: {}; queued again as execution {} from its last committed chunk", current.getStepName(), why, next.getId());
        return next;
    }
}
