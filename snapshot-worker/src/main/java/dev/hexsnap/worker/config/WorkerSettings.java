package dev.hexsnap.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Everything the snapshot-worker can be told ({@code hexsnap.worker.*}). Redis is configured
 * by {@code hexsnap.redis.*} (core), the job repository and the grid by {@code spring.datasource.*}.
 *
 * @param upstream  where the pages come from and how hard the worker may ask
 * @param job       how the crawl is cut into partitions and chunks
 * @param snapshot  how pages are stored in Redis
 * @param publish   when a generation is published, and how many are kept
 * @param alerts    when and where the worker raises the alarm
 * @param progress  how often it reports while running
 * @param remote    whether this process runs the crawl alone, manages workers, or serves partitions
 */
@ConfigurationProperties("hexsnap.worker")
public record WorkerSettings(
        @DefaultValue Upstream upstream,
        @DefaultValue Job job,
        @DefaultValue Snapshot snapshot,
        @DefaultValue Publish publish,
        @DefaultValue Alerts alerts,
        @DefaultValue Progress progress,
        @DefaultValue Remote remote) {

    /**
     * The page upstream and the ceilings that protect it.
     *
     * @param baseUrl                  root URL of the page services (the demo upstream by default)
     * @param maxRequestsPerSecond     ceiling on requests started in any one-second window, retries and probes
     *                                 included; never exceeded
     * @param maxConcurrentRequests    ceiling on requests in flight at once
     * @param requestTimeout           how long one request may take, body included, before it counts as a timeout
     * @param connectTimeout           how long opening a connection may take
     * @param maxAttempts              attempts per page (first try included) before it is recorded as a failure
     * @param initialBackoff           pause before the first retry; doubled (see {@code backoffMultiplier}) per retry
     * @param backoffMultiplier        growth of the pause between retries
     * @param maxBackoff               longest pause between two retries
     * @param productPagesPerCategory  product pages backed up per leaf category (the first ones)
     * @param zone                     time zone of the run date and of the slot moments
     * @param dayMoment                local time whose pages the day slot backs up (sent as {@code at})
     * @param nightMoment              local time whose pages the night slot backs up (sent as {@code at})
     * @param dayStarts                local time the day slot's hours start: for services that cannot compute
     *                                 another moment (the contract's {@code supports-moment: false}) a slot is
     *                                 crawled only within its hours
     * @param nightStarts              local time the night slot's hours start (see {@code dayStarts})
     * @param breaker                  when the worker stops asking a failing upstream
     */
    public record Upstream(
            @DefaultValue("http://127.0.0.1:8081") URI baseUrl,
            @DefaultValue("100") int maxRequestsPerSecond,
            @DefaultValue("16") int maxConcurrentRequests,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double backoffMultiplier,
            @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue("2") int productPagesPerCategory,
            @DefaultValue("Asia/Shanghai") ZoneId zone,
            @DefaultValue("12:00") LocalTime dayMoment,
            @DefaultValue("23:00") LocalTime nightMoment,
            @DefaultValue("06:00") LocalTime dayStarts,
            @DefaultValue("22:00") LocalTime nightStarts,
            @DefaultValue Breaker breaker) {

        public Upstream {
            require(maxRequestsPerSecond >= 1, "upstream.max-requests-per-second must be at least 1");
            require(maxConcurrentRequests >= 1, "upstream.max-concurrent-requests must be at least 1");
            require(maxAttempts >= 1, "upstream.max-attempts must be at least 1");
            require(backoffMultiplier >= 1.0, "upstream.backoff-multiplier must be at least 1");
            require(productPagesPerCategory >= 1 && productPagesPerCategory <= 20,
                    "upstream.product-pages-per-category must be within [1, 20]");
            require(positive(requestTimeout), "upstream.request-timeout must be positive");
            require(positive(connectTimeout), "upstream.connect-timeout must be positive");
        }
    }

    /**
     * The circuit breaker: when the upstream fails broadly, the worker pauses and probes
     * instead of hammering a service that is already down.
     *
     * @param window      outcomes (answers, errors, timeouts, empty pages) the failure rate is computed over
     * @param minCalls    outcomes needed in the window before the breaker may open
     * @param failureRate share of failures in the window at which it opens
     * @param pause       how long it stays open before one probe request is let through
     * @param maxPause    how long it may stay open in all before the run fails (restart it when the upstream is back)
     */
    public record Breaker(
            @DefaultValue("100") int window,
            @DefaultValue("20") int minCalls,
            @DefaultValue("0.5") double failureRate,
            @DefaultValue("5s") Duration pause,
            @DefaultValue("30m") Duration maxPause) {

        public Breaker {
            require(window >= 1, "upstream.breaker.window must be at least 1");
            require(minCalls >= 1 && minCalls <= window, "upstream.breaker.min-calls must be within [1, window]");
            require(failureRate > 0 && failureRate <= 1, "upstream.breaker.failure-rate must be within (0, 1]");
            require(positive(pause), "upstream.breaker.pause must be positive");
            require(positive(maxPause), "upstream.breaker.max-pause must be positive");
        }
    }

    /**
     * How the crawl is cut up. Concurrency towards the upstream is bounded by the upstream
     * ceilings, whatever these say.
     *
     * @param gridSize         partitions per resolution of the cell step, and partitions of the store step
     * @param partitionThreads partitions running at once
     * @param cellChunkSize    cells per chunk (one transaction, one restart point)
     * @param storeChunkSize   stores per chunk
     * @param pageSize         rows per query of the readers
     * @param itemThreads      threads crawling items (cells, stores) side by side, all partitions together
     */
    public record Job(
            @DefaultValue("4") int gridSize,
            @DefaultValue("4") int partitionThreads,
            @DefaultValue("10") int cellChunkSize,
            @DefaultValue("4") int storeChunkSize,
            @DefaultValue("200") int pageSize,
            @DefaultValue("32") int itemThreads) {

        public Job {
            require(gridSize >= 1 && gridSize <= 1024, "job.grid-size must be within [1, 1024]");
            require(partitionThreads >= 1 && partitionThreads <= 256, "job.partition-threads must be within [1, 256]");
            require(cellChunkSize >= 1, "job.cell-chunk-size must be at least 1");
            require(storeChunkSize >= 1, "job.store-chunk-size must be at least 1");
            require(pageSize >= 1, "job.page-size must be at least 1");
            require(itemThreads >= 1 && itemThreads <= 1024, "job.item-threads must be within [1, 1024]");
        }
    }

    /**
     * How pages are stored.
     *
     * @param ttl           expiry of every entry: a backstop against leaks (retention deletes old generations
     *                      explicitly); must outlast the runs between two nightly crawls times the generations kept
     * @param gzipLevel     1 (fastest) to 9 (smallest); 6 is what {@code gzip -6} does
     * @param flushEvery    entries sent to Redis per pipelined batch
     * @param writeAttempts attempts to write a chunk's entries while Redis is unavailable before the run fails
     * @param writeBackoff  pause between those attempts (doubled each time)
     */
    public record Snapshot(
            @DefaultValue("10d") Duration ttl,
            @DefaultValue("6") int gzipLevel,
            @DefaultValue("200") int flushEvery,
            @DefaultValue("5") int writeAttempts,
            @DefaultValue("1s") Duration writeBackoff) {

        public Snapshot {
            require(positive(ttl), "snapshot.ttl must be positive");
            require(gzipLevel >= 1 && gzipLevel <= 9, "snapshot.gzip-level must be within [1, 9]");
            require(flushEvery >= 1, "snapshot.flush-every must be at least 1");
            require(writeAttempts >= 1, "snapshot.write-attempts must be at least 1");
        }
    }

    /**
     * When a generation goes live and how many are kept.
     *
     * @param coverageThreshold share of cells (and, separately, of open stores) that must have all their pages
     * @param verifyEntries     before publishing, check that every page recorded as written is in Redis (catches a
     *                          Redis that lost data mid-run); the pages missing make their cell or store a failure
     * @param keepPublished     generations that were published kept per slot (current and previous included, at least 2)
     * @param keepRefused       refused generations kept per slot for inspection
     */
    public record Publish(
            @DefaultValue("0.99") double coverageThreshold,
            @DefaultValue("true") boolean verifyEntries,
            @DefaultValue("2") int keepPublished,
            @DefaultValue("1") int keepRefused) {

        public Publish {
            require(coverageThreshold >= 0 && coverageThreshold <= 1, "publish.coverage-threshold must be within [0, 1]");
            require(keepPublished >= 2, "publish.keep-published must be at least 2 (current and previous)");
            require(keepRefused >= 0, "publish.keep-refused must not be negative");
        }
    }

    /**
     * When and where alerts go. Every alert is an ERROR log line and a count in the
     * {@code hexsnap.worker.alerts} metric; with a webhook it is also POSTed as JSON.
     *
     * @param timeBudget     a run taking longer raises an alert (once)
     * @param failureShare   share of cells or stores failed after retries that raises an alert (once)
     * @param webhookUrl     where alerts are POSTed as JSON; empty for none
     * @param webhookTimeout how long the webhook may take
     * @param metricsFile    where the command's metrics ({@code hexsnap_worker_alerts_total} by kind and the
     *                       rest) are written in Prometheus's text format when it ends, replacing the file
     *                       atomically: point node_exporter's textfile collector at it (a batch command is gone
     *                       before anything could scrape it); empty for none
     */
    public record Alerts(
            @DefaultValue("4h") Duration timeBudget,
            @DefaultValue("0.01") double failureShare,
            @DefaultValue("") String webhookUrl,
            @DefaultValue("5s") Duration webhookTimeout,
            @DefaultValue("") String metricsFile) {

        public Alerts {
            require(positive(timeBudget), "alerts.time-budget must be positive");
            require(failureShare >= 0 && failureShare <= 1, "alerts.failure-share must be within [0, 1]");
            require(webhookUrl.isEmpty() || webhookUrl.startsWith("http://") || webhookUrl.startsWith("https://"),
                    "alerts.webhook-url must be an http(s) URL");
        }
    }

    /**
     * Reporting while running.
     *
     * @param interval   how often a progress line is logged (and the heartbeat written)
     * @param staleAfter a run whose heartbeat is older than this is taken for dead by {@code restart}
     */
    public record Progress(
            @DefaultValue("5s") Duration interval,
            @DefaultValue("30s") Duration staleAfter) {

        public Progress {
            require(positive(interval), "progress.interval must be positive");
            require(staleAfter.compareTo(interval.multipliedBy(2)) > 0, "progress.stale-after must exceed twice the interval");
        }
    }

    /**
     * Remote partitioning: one manager ({@code run --remote}) hands the partitions of its cell and
     * store steps to any number of {@code serve} processes through a queue in the job database.
     * Heartbeats and staleness are {@code progress.interval} and {@code progress.stale-after}.
     *
     * @param role          {@code local} (the process runs its partitions itself), {@code manager} or
     *                      {@code worker}; set by the commands ({@code run --remote}, {@code serve}), not by hand
     * @param pollInterval  how often the manager reads the partitions' state and an idle worker looks at the queue
     * @param maxTakeovers  times one partition is handed to another worker after its worker went silent, before
     *                      the step fails (then {@code restart --remote} finishes it)
     */
    public record Remote(
            @DefaultValue("local") Role role,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("3") int maxTakeovers) {

        public Remote {
            require(positive(pollInterval), "remote.poll-interval must be positive");
            require(maxTakeovers >= 0, "remote.max-takeovers must not be negative");
        }

        /** What this process does with the partitions of a partitioned step. */
        public enum Role {
            /** runs them on its own threads (a plain {@code run}) */
            LOCAL,
            /** sends them to the queue and waits for workers ({@code run --remote}) */
            MANAGER,
            /** takes them from the queue ({@code serve}) */
            WORKER
        }
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("hexsnap.worker." + message);
        }
    }
}
