package dev.hexsnap.worker.recrawl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a re-crawl run's claim alive while its job runs (a heartbeat on the requests it holds,
 * every {@code interval}, so that other runs leave them alone), and lets go of what it still
 * holds when the job ends without finishing them (failed or stopped): those requests are PENDING
 * again for the next run at once, rather than after the heartbeat goes stale. Thread-safe.
 */
public final class ClaimKeeper implements JobExecutionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimKeeper.class);

    /** The job parameter holding a run's claim token. */
    public static final String CLAIM = "claim";

    private final RecrawlQueue queue;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("recrawl-heartbeat").daemon(true).factory());
    private final Map<Long, ScheduledFuture<?>> beats = new ConcurrentHashMap<>();

    public ClaimKeeper(RecrawlQueue queue, Duration interval) {
        this.queue = queue;
        this.interval = interval;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String claim = claim(execution);
        long millis = Math.max(100, interval.toMillis());
        beats.put(execution.getId(), timer.scheduleWithFixedDelay(() -> {
            try {
                queue.heartbeat(claim);
            } catch (RuntimeException e) {
                // MySQL unreachable for a moment: the next beat tries again; a long gap makes the claim stale.
                log.warn("re-crawl heartbeat of {} failed: {}", claim, e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void afterJob(JobExecution execution) {
        ScheduledFuture<?> beat = beats.remove(execution.getId());
        if (beat != null) {
            beat.cancel(false);
        }
        String claim = claim(execution);
        int released = queue.release(claim);
        if (released > 0) {
            log.warn("re-crawl {} ended {}: {} request(s) it had not finished are PENDING again", claim,
                    execution.getStatus(), released);
        } else if (execution.getStatus() != BatchStatus.COMPLETED) {
            log.warn("re-crawl {} ended {}", claim, execution.getStatus());
        }
    }

    private static String claim(JobExecution execution) {
        return execution.getJobParameters().getString(CLAIM);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
