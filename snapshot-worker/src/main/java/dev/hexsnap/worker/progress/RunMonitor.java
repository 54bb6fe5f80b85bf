package dev.hexsnap.worker.progress;

import dev.hexsnap.worker.alert.Alerts;
import dev.hexsnap.worker.entries.Throughput;
import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.generation.GenerationRun;
import dev.hexsnap.worker.publish.Coverage;
import dev.hexsnap.core.upstream.UpstreamClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Watches a run: attaches the execution to its generation, writes a heartbeat and logs a
 * progress line (cells and stores done of total, pages/s, ETA) every interval, raises the
 * time-budget and failure alerts while it runs, and logs the summary when it ends.
 */
public final class RunMonitor implements JobExecutionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunMonitor.class);

    private final GenerationLedger ledger;
    private final Coverage coverage;
    private final Alerts alerts;
    private final UpstreamClient upstream;
    private final Throughput throughput;
    private final Function<JobExecution, GenerationRun> runOf;
    private final boolean registers;
    private final Duration interval;
    private final Duration timeBudget;
    private final double failureShare;
    private final Clock clock;
    private final RunReports reports;

    private ScheduledExecutorService ticker;
    private volatile Tick state;

    /**
     * @param runOf     how the job's parameters name its run
     * @param registers whether this job creates the generation (the first run) or works on an existing one
     */
    public RunMonitor(GenerationLedger ledger, Coverage coverage, Alerts alerts, UpstreamClient upstream, Throughput throughput,
                      Function<JobExecution, GenerationRun> runOf, boolean registers, Duration interval, Duration timeBudget,
                      double failureShare, Clock clock, RunReports reports) {
        this.ledger = ledger;
        this.coverage = coverage;
        this.alerts = alerts;
        this.upstream = upstream;
        this.throughput = throughput;
        this.runOf = runOf;
        this.registers = registers;
        this.interval = interval;
        this.timeBudget = timeBudget;
        this.failureShare = failureShare;
        this.clock = clock;
        this.reports = reports;
    }

    /** The process, as {@code pid@host}. */
    public static String runner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return ManagementFactory.getRuntimeMXBean().getPid() + "@" + host;
    }

    private record Tick(GenerationRun run, int cellsTotal, Instant started, Instant generationCreated, long pagesAtStart,
                        long cpuAtStart, Instant lastAt, long lastCells, long lastStores, double cellRate, double storeRate) {
    }

    /** CPU time of this whole process so far in nanoseconds (every thread), or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        GenerationRun run = runOf.apply(execution);
        if (registers) {
            ledger.register(run);
        }
        ledger.attach(run.generation(), execution.getJobInstance().getJobName(), execution.getId(), runner());
        Instant created = ledger.find(run.generation()).map(GenerationLedger.Entry::createdAt).orElse(clock.instant());
        Instant now = clock.instant();
        state = new Tick(run, coverage.cellsTotal(run), now, created, throughput.pages(), processCpuNanos(), now, -1, -1, 0, 0);
        log.info("run of generation {} ({} slot, resolutions {}, grid build {}, pages as of {}): {} hot cells; execution {}",
                run.generation(), run.slot().id(), run.resolutionList(), run.gridBuild(), run.at(), state.cellsTotal(), execution.getId());
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            Tick t = state;
            ledger.heartbeat(t.run().generation());
            Coverage.Progress p = coverage.progress(t.run().generation());
            Instant now = clock.instant();
            double seconds = Math.max(0.001, Duration.between(t.lastAt(), now).toMillis() / 1000.0);
            double cellRate = t.lastCells() < 0 ? 0 : smooth(t.cellRate(), (p.cellsDone() - t.lastCells()) / seconds);
            double storeRate = t.lastStores() < 0 ? 0 : smooth(t.storeRate(), (p.storesDone() - t.lastStores()) / seconds);
            state = new Tick(t.run(), t.cellsTotal(), t.started(), t.generationCreated(), t.pagesAtStart(), t.cpuAtStart(), now,
                    p.cellsDone(), p.storesDone(), cellRate, storeRate);
            double elapsed = Math.max(0.001, Duration.between(t.started(), now).toMillis() / 1000.0);
            double pagesPerSecond = (throughput.pages() - t.pagesAtStart()) / elapsed;
            UpstreamClient.Stats stats = upstream.stats();
            String eta = eta(t.cellsTotal(), p, cellRate, storeRate);
            log.info("progress {}: cells {}/{} ({}, {} failed) · stores {}/{} ({} failed) · {} pages/s · {} requests, {} retries{} · ETA {}",
                    t.run().generation(), HumanFormat.count(p.cellsDone()), HumanFormat.count(t.cellsTotal()),
                    HumanFormat.percent(t.cellsTotal() == 0 ? 1 : (double) p.cellsDone() / t.cellsTotal()),
                    HumanFormat.count(p.cellsFailed()), HumanFormat.count(p.storesDone()), HumanFormat.count(p.storesTotal()),
                    HumanFormat.count(p.storesFailed()), String.format(java.util.Locale.ROOT, "%.1f", pagesPerSecond),
                    HumanFormat.count(stats.requests()), HumanFormat.count(stats.retries()),
                    upstream.breaker().isOpen() ? " · upstream failing: paused, probing" : "", eta);
            Duration running = Duration.between(t.generationCreated(), now);
            if (running.compareTo(timeBudget) > 0) {
                alerts.raise(Alerts.Kind.TIME_BUDGET, t.run().generation(), "the run has taken " + HumanFormat.duration(running)
                        + ", over its budget of " + HumanFormat.duration(timeBudget), details(t.run(), p));
            }
            long targets = p.cellsDone() + p.storesDone();
            long failed = p.cellsFailed() + p.storesFailed();
            // Judged over what is done, once enough is done for a share to mean something.
            if (targets >= 100 && (double) failed / targets > failureShare) {
                alerts.raise(Alerts.Kind.FAILURES, t.run().generation(), failed + " of " + targets
                        + " cells and stores crawled so far failed after retries", details(t.run(), p));
            }
        } catch (RuntimeException e) {
            log.warn("progress report failed: {}", e.getMessage());
        }
    }

    /**
     * The progress line's ETA, for the step under way: the cells left at the cell rate while
     * cells remain, then the stores left at the store rate; "-" while the rate is not known yet.
     *
     * @param cellRate  cells per second, smoothed
     * @param storeRate stores per second, smoothed
     */
    static String eta(int cellsTotal, Coverage.Progress p, double cellRate, double storeRate) {
        if (p.cellsDone() < cellsTotal) {
            return cellRate > 0 ? "cells in " + HumanFormat.duration(Duration.ofSeconds((long) ((cellsTotal - p.cellsDone()) / cellRate)))
                    : "cells: -";
        }
        long left = p.storesTotal() - p.storesDone();
        return left <= 0 ? "stores done" : storeRate > 0
                ? "stores in " + HumanFormat.duration(Duration.ofSeconds((long) (left / storeRate))) : "stores: -";
    }

    private static double smooth(double previous, double sample) {
        return previous == 0 ? sample : previous * 0.7 + sample * 0.3;
    }

    private static Map<String, Object> details(GenerationRun run, Coverage.Progress p) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slot", run.slot().id());
        details.put("cellsDone", p.cellsDone());
        details.put("cellsFailed", p.cellsFailed());
        details.put("storesDone", p.storesDone());
        details.put("storesFailed", p.storesFailed());
        return details;
    }

    /** Stops the progress ticker if the context closes while a job runs. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        Tick t = state;
        if (t == null) {
            return;
        }
        try {
            ledger.detach(t.run().generation());
            Optional<GenerationLedger.Entry> entry = ledger.find(t.run().generation());
            String summary = summary(execution, t, entry.orElse(null));
            reports.publish(summary);
            log.info("run of {} ended {}: {}", t.run().generation(), execution.getStatus(),
                    entry.map(e -> e.state() + (e.verdict() == null ? "" : " (" + e.verdict() + ")")).orElse(""));
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                String reason = execution.getAllFailureExceptions().stream().findFirst()
                        .map(e -> dev.hexsnap.core.cli.CommandLineProgram.reason(e)).orElse(execution.getExitStatus().getExitDescription());
                alerts.raise(Alerts.Kind.RUN_FAILED, t.run().generation(), "the run stopped (" + execution.getStatus() + "): " + reason
                        + "; finish it with ./hexsnap worker restart", Map.of("execution", execution.getId()));
            }
        } catch (RuntimeException e) {
            log.warn("run summary failed: {}", e.getMessage());
        }
    }

    private String summary(JobExecution execution, Tick t, GenerationLedger.Entry entry) {
        Instant now = clock.instant();
        Duration took = Duration.between(t.started(), now);
        long pages = throughput.pages() - t.pagesAtStart();
        UpstreamClient.Stats stats = upstream.stats();
        Coverage.Progress p = coverage.progress(t.run().generation());
        StringBuilder out = new StringBuilder();
        out.append("run summary: generation ").append(t.run().generation()).append(" (").append(t.run().slot().id())
                .append(" slot, resolutions ").append(t.run().resolutionList()).append(")\n");
        row(out, "status", execution.getStatus() + " in " + HumanFormat.duration(took) + " (execution " + execution.getId() + ")");
        // Whole seconds: Connector/J drops the fraction when it takes the server for an old MySQL (MariaDB says 5.5.5-…).
        boolean evaluated = entry != null && entry.finishedAt() != null
                && !entry.finishedAt().isBefore(t.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        if (evaluated) {
            row(out, "decision", entry.state() + ": " + entry.verdict());
            row(out, "cells", HumanFormat.count(entry.cellsComplete()) + " of " + HumanFormat.count(entry.cellsTotal())
                    + " complete (" + HumanFormat.percent(entry.cellCoverage()) + ")");
            row(out, "stores", HumanFormat.count(entry.storesComplete()) + " of " + HumanFormat.count(entry.storesTotal())
                    + " open stores complete (" + HumanFormat.percent(entry.storeCoverage()) + ")");
            row(out, "pages", HumanFormat.count(entry.pages()) + " in the generation");
        } else {
            row(out, "decision", "none: the run did not reach the publish step (the current generation keeps serving)");
            row(out, "cells", HumanFormat.count(p.cellsDone()) + " of " + HumanFormat.count(t.cellsTotal()) + " crawled ("
                    + HumanFormat.count(p.cellsFailed()) + " failed)");
            row(out, "stores", HumanFormat.count(p.storesDone()) + " of " + HumanFormat.count(p.storesTotal()) + " crawled ("
                    + HumanFormat.count(p.storesFailed()) + " failed)");
        }
        double seconds = Math.max(0.001, took.toMillis() / 1000.0);
        long raw = throughput.rawBytes();
        long stored = throughput.storedBytes();
        row(out, "written", HumanFormat.count(pages) + " pages by this execution, "
                + String.format(java.util.Locale.ROOT, "%.1f", pages / seconds) + " pages/s");
        long cpu = processCpuNanos();
        if (cpu >= 0 && t.cpuAtStart() >= 0 && pages > 0) {
            // What backing a page up costs this process (HTTP, checks, gzip, Redis, MySQL, Batch), whatever the upstream's speed.
            row(out, "cpu", String.format(java.util.Locale.ROOT, "%.1f s of process CPU, %.3f ms per page",
                    (cpu - t.cpuAtStart()) / 1e9, (cpu - t.cpuAtStart()) / 1e6 / pages));
        }
        row(out, "bytes", "raw " + HumanFormat.bytes(raw) + ", stored " + HumanFormat.bytes(stored)
                + (stored > 0 ? String.format(java.util.Locale.ROOT, ", ratio %.2fx", (double) raw / stored) : ""));
        if (evaluated) {
            row(out, "failures", HumanFormat.count(entry.failures()) + " open"
                    + (entry.failures() > 0 ? " (./hexsnap worker failures --generation " + entry.generation()
                    + "; heal with ./hexsnap worker rerun-failures --generation " + entry.generation() + ")" : ""));
        }
        row(out, "upstream", HumanFormat.count(stats.requests()) + " requests (" + HumanFormat.count(stats.retries()) + " retries, "
                + HumanFormat.count(stats.timeouts()) + " timeouts, " + HumanFormat.count(stats.errors()) + " errors, "
                + HumanFormat.count(stats.emptyPages()) + " empty, " + HumanFormat.count(stats.malformedPages()) + " malformed)");
        row(out, "ceilings", "busiest second " + stats.busiestSecond() + " requests (ceiling " + upstream.gate().observed().requestsPerSecond()
                + "), peak in flight " + stats.peakInFlight() + " (ceiling " + upstream.gate().observed().maxConcurrent()
                + "), breaker paused the crawl " + stats.breakerOpenings() + " times");
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(java.util.Locale.ROOT, "  %-9s %s%n", label, value));
    }
}
