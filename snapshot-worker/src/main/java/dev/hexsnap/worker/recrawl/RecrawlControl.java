package dev.hexsnap.worker.recrawl;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.worker.config.WorkerSettings;
import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.generation.GenerationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs {@code ./hexsnap worker recrawl-stores}: gives the requests of dead runs back, decides
 * the generation (the one the slot serves) and the moment (the slot's moment today, what
 * {@code worker run} would crawl now), and launches the re-crawl job under a claim token of its
 * own. Each launch is a job instance of its own: what one run finished is DONE or FAILED in
 * MySQL, what it did not finish is PENDING again, so running the command again is how a failed
 * re-crawl is finished.
 */
public final class RecrawlControl {

    private static final Logger log = LoggerFactory.getLogger(RecrawlControl.class);

    /** The job parameter holding the most requests a run takes. */
    public static final String LIMIT = "limit";

    private final JobOperator operator;
    private final Job recrawlJob;
    private final RecrawlQueue queue;
    private final SnapshotStore store;
    private final GenerationLedger ledger;
    private final WorkerSettings settings;
    private final Clock clock;

    public RecrawlControl(JobOperator operator, Job recrawlJob, RecrawlQueue queue, SnapshotStore store, GenerationLedger ledger,
                          WorkerSettings settings, Clock clock) {
        this.operator = operator;
        this.recrawlJob = recrawlJob;
        this.queue = queue;
        this.store = store;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What a run was asked to do and found.
     *
     * @param slot       the slot whose served generation is written
     * @param generation that generation; null when there was nothing to do
     * @param at         the moment the pages were asked for; null when there was nothing to do
     * @param limit      the most requests taken
     * @param pending    requests of the slot pending when the run started
     * @param released   requests of dead runs given back to PENDING first
     */
    public record Plan(Slot slot, String generation, Instant at, int limit, int pending, int released) {
    }

    /**
     * How a run ended.
     *
     * @param plan     what it was asked to do
     * @param claim    its claim token; null when it took nothing
     * @param status   the job's status; null when no job was needed
     * @param failure  why the job stopped, one line; null when it completed
     * @param requests the requests it took, as they ended
     * @param took     how long the job ran
     */
    public record Outcome(Plan plan, String claim, BatchStatus status, String failure, List<RecrawlQueue.Request> requests,
                          Duration took) {

        /** The job completed (or was not needed) and no store failed. */
        public boolean succeeded() {
            return (status == null || status == BatchStatus.COMPLETED)
                    && requests.stream().noneMatch(r -> RecrawlQueue.FAILED.equals(r.status()));
        }
    }

    /** Re-crawls up to {@code limit} pending requests of {@code slot}. */
    public Outcome recrawl(Slot slot, int limit) throws Exception {
        int released = queue.releaseStale(clock.instant().minus(settings.progress().staleAfter()));
        if (released > 0) {
            log.info("{} re-crawl request(s) held by runs that stopped beating (over {}) are PENDING again", released,
                    settings.progress().staleAfter());
        }
        int pending = queue.pending(slot);
        if (pending == 0) {
            return new Outcome(new Plan(slot, null, null, limit, 0, released), null, null, null, List.of(), Duration.ZERO);
        }
        String generation = store.current(slot).orElseThrow(() -> new IllegalStateException("the " + slot.id()
                + " slot serves no generation yet, so there is nothing to re-crawl the stores into; " + pending
                + " request(s) stay PENDING (publish one with ./hexsnap worker run --slot " + slot.id() + ")"));
        store.redis().await(store.redis().ping());
        GenerationRun run = runFor(generation, slot);
        Plan plan = new Plan(slot, generation, run.at(), limit, pending, released);
        String claim = newClaim();
        JobParameters parameters = new JobParametersBuilder(run.toJobParameters())
                .addString(ClaimKeeper.CLAIM, claim)
                .addLong(LIMIT, (long) limit)
                .toJobParameters();
        log.info("re-crawling up to {} of {} pending store request(s) into {} ({} slot) as {}", limit, pending, generation,
                slot.id(), claim);
        long start = System.nanoTime();
        JobExecution execution = operator.start(recrawlJob, parameters);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String failure = execution.getStatus() == BatchStatus.COMPLETED ? null
                : execution.getAllFailureExceptions().stream().findFirst().map(dev.hexsnap.core.cli.CommandLineProgram::reason)
                .orElse(execution.getExitStatus().getExitDescription());
        return new Outcome(plan, claim, execution.getStatus(), failure, queue.ofClaim(claim), took);
    }

    /**
     * The run the store crawler works for: the served generation, its slot, and the slot's moment
     * today (what a run started now would crawl; real page services that ignore {@code at} are
     * crawled as they are). Resolutions and grid build only describe it.
     */
    private GenerationRun runFor(String generation, Slot slot) {
        LocalDate today = LocalDate.now(clock.withZone(settings.upstream().zone()));
        Instant at = GenerationRun.moment(today, slot == Slot.DAY ? settings.upstream().dayMoment() : settings.upstream().nightMoment(),
                settings.upstream().zone());
        var entry = ledger.find(generation);
        if (entry.isPresent()) {
            GenerationRun crawled = entry.get().toRun();
            return new GenerationRun(generation, slot, today, at, crawled.resolutions(), crawled.gridBuild());
        }
        // No ledger row (published by a worker with another MySQL): Redis still says which resolutions it covers.
        String resolutions = store.generation(generation).map(GenerationInfo::resolutions).filter(r -> !r.isBlank()).orElse("8");
        return new GenerationRun(generation, slot, today, at, GenerationRun.parseResolutions(resolutions), "unknown");
    }

    /** Host, pid and a random part: unique per run, and tells an operator where the run was. */
    private static String newClaim() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        if (host.length() > 32) {
            host = host.substring(0, 32);
        }
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return host + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(random);
    }
}
