package dev.hexsnap.worker.remote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The worker side ({@code ./hexsnap worker serve}): takes partitions from the {@link PartitionQueue}
 * while it has a free slot ({@code job.partition-threads} at once, so one worker never hoards the
 * queue), runs each with Spring Batch's {@link StepExecutionRequestHandler} (the same step beans as a
 * local run, the same job repository), and beats the lease of every partition it runs every
 * {@code progress.interval}. Stopping (SIGTERM) takes no new partition and lets the running ones
 * finish for up to {@code drainFor}; what is still running then is taken over by another worker
 * once its lease is stale.
 */
final class PartitionServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionServer.class);

    private final PartitionQueue queue;
    private final PartitionLeases leases;
    private final StepExecutionRequestHandler handler;
    private final JobRepository repository;
    private final int slots;
    private final Duration pollInterval;
    private final Duration beatEvery;
    private final Duration drainFor;
    private final String worker;

    private final Semaphore free;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService partitionThreads;
    private final ScheduledExecutorService heart;
    private volatile boolean stopping;

    PartitionServer(PartitionQueue queue, PartitionLeases leases, StepExecutionRequestHandler handler, JobRepository repository,
                    int slots, Duration pollInterval, Duration beatEvery, Duration drainFor, String worker) {
        this.queue = queue;
        this.leases = leases;
        this.handler = handler;
        this.repository = repository;
        this.slots = slots;
        this.pollInterval = pollInterval;
        this.beatEvery = beatEvery;
        this.drainFor = drainFor;
        this.worker = worker;
        this.free = new Semaphore(slots);
        this.partitionThreads = Executors.newFixedThreadPool(slots, Thread.ofPlatform().name("serve-", 0).factory());
        this.heart = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lease-heartbeat").daemon(true).factory());
    }

    /** Serves until {@link #close()}; returns the number of partitions run. */
    long serve() throws InterruptedException {
        heart.scheduleAtFixedRate(this::beat, beatEvery.toMillis(), beatEvery.toMillis(), TimeUnit.MILLISECONDS);
        log.info("worker {} serving partitions, {} at a time (queue in the job database, poll every {} ms)", worker, slots,
                pollInterval.toMillis());
        long served = 0;
        while (!stopping) {
            if (!free.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                continue;
            }
            Optional<StepExecutionRequest> taken;
            try {
                taken = queue.take(this::claim);
            } catch (RuntimeException e) {
                free.release();
                log.warn("could not read the partition queue ({}); trying again in {} ms", e.getMessage(), pollInterval.toMillis());
                sleepUnlessStopping();
                continue;
            }
            if (taken.isEmpty()) {
                free.release();
                sleepUnlessStopping();
                continue;
            }
            StepExecutionRequest request = taken.get();
            running.add(request.getStepExecutionId());
            served++;
            partitionThreads.execute(() -> run(request));
        }
        return served;
    }

    private void sleepUnlessStopping() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** In the transaction that takes the request: only a partition still waiting is claimed. */
    private boolean claim(StepExecutionRequest request) {
        StepExecution execution = repository.getStepExecution(request.getStepExecutionId());
        if (execution == null || execution.getStatus() != BatchStatus.STARTING) {
            log.info("dropped a request for {} (execution {}): it is {} already", request.getStepName(),
                    request.getStepExecutionId(), execution == null ? "gone" : execution.getStatus());
            return false;
        }
        if (!leases.claim(execution.getId(), execution.getJobExecutionId(), execution.getStepName(), worker)) {
            log.info("dropped a request for {} (execution {}): another worker took it", request.getStepName(), request.getStepExecutionId());
            return false;
        }
        return true;
    }

    private void run(StepExecutionRequest request) {
        long id = request.getStepExecutionId();
        long started = System.nanoTime();
        try {
            StepExecution result = handler.handle(request);
            log.info("{} (execution {}) {} in {} s: {} read, {} written", result.getStepName(), id, result.getStatus(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), result.getReadCount(), result.getWriteCount());
        } catch (RuntimeException e) {
            log.error("execution {} could not be run: {}", id, e.getMessage(), e);
        } finally {
            running.remove(id);
            try {
                leases.finish(id, worker);
            } catch (RuntimeException e) {
                log.warn("could not mark execution {} finished: {}", id, e.getMessage());
            }
            free.release();
        }
    }

    private void beat() {
        try {
            leases.beat(Set.copyOf(running), worker);
        } catch (RuntimeException e) {
            log.warn("could not refresh the partition leases: {}", e.getMessage());
        }
    }

    /** Partitions running now. */
    int running() {
        return running.size();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        partitionThreads.shutdown();
        if (!running.isEmpty()) {
            log.info("stopping: waiting up to {} s for {} running partition(s)", drainFor.toSeconds(), running.size());
        }
        if (!partitionThreads.awaitTermination(drainFor.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("stopping with {} partition(s) unfinished: another worker takes them over once their lease is stale",
                    running.size());
        }
        heart.shutdownNow();
    }
}
