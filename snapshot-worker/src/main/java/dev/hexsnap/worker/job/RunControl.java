package dev.hexsnap.worker.job;

import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
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
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Starts, restarts and re-runs the jobs on an operator's behalf, refusing what would do
 * harm: a second run while one is alive, a run of a generation that already exists, a
 * restart of an execution that is still running. A run left STARTED by a crash (its
 * heartbeat stale) is recovered (marked FAILED) before it is restarted.
 */
public final class RunControl {

    private static final Logger log = LoggerFactory.getLogger(RunControl.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job snapshotJob;
    private final Job rerunJob;
    private final GenerationLedger ledger;
    private final JdbcTemplate jdbc;
    private final SnapshotStore store;
    private final WorkerSettings settings;
    private final Clock clock;
    private final UpstreamContract contract;

    public RunControl(JobOperator operator, JobRepository repository, Job snapshotJob, Job rerunJob, GenerationLedger ledger,
                      JdbcTemplate jdbc, SnapshotStore store, WorkerSettings settings, Clock clock, UpstreamContract contract) {
        this.operator = operator;
        this.repository = repository;
        this.snapshotJob = snapshotJob;
        this.rerunJob = rerunJob;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.contract = contract;
    }

    /**
     * How an execution ended.
     *
     * @param generation the generation worked on
     * @param status     the Batch status of the execution
     * @param state      the generation's state afterwards (PUBLISHED, REFUSED, WRITING...)
     * @param message    one line for the operator
     */
    public record Outcome(String generation, BatchStatus status, String state, String message) {

        /** The run did its job: it completed and the generation is live. */
        public boolean succeeded() {
            return status == BatchStatus.COMPLETED && GenerationLedger.PUBLISHED.equals(state);
        }
    }

    /** The run a {@code run} command asks for, with its defaults filled in. */
    public GenerationRun plan(Slot slot, LocalDate date, List<Integer> resolutions, String generation, String gridBuild,
                              boolean atNowAnyway) {
        Instant now = clock.instant();
        if (!contract.supportsMoment()) {
            checkSlotHours(slot, now, atNowAnyway);
        }
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(settings.upstream().zone()));
        String build = gridBuild != null ? gridBuild : currentGridBuild();
        Map<Integer, Integer> cells = jdbc.query("SELECT resolution, COUNT(*) FROM grid_cell WHERE build_id = ? GROUP BY resolution",
                rs -> {
                    Map<Integer, Integer> m = new TreeMap<>();
                    while (rs.next()) {
                        m.put(rs.getInt(1), rs.getInt(2));
                    }
                    return m;
                }, build);
        for (int resolution : resolutions) {
            if (!cells.containsKey(resolution)) {
                throw new IllegalStateException("grid build " + build + " has no hot cell at resolution " + resolution
                        + (cells.isEmpty() ? " (it has none at all)" : "; it has resolutions "
                        + cells.keySet().stream().map(String::valueOf).collect(Collectors.joining(","))));
            }
        }
        String id = generation != null ? generation : GenerationRun.defaultGeneration(day, slot);
        // Services that cannot compute another moment answer as of now: the run records the real crawl time.
        Instant at = !contract.supportsMoment() ? now
                : GenerationRun.moment(day, slot == Slot.DAY ? settings.upstream().dayMoment() : settings.upstream().nightMoment(),
                settings.upstream().zone());
        return new GenerationRun(id, slot, day, at, resolutions, build);
    }

    /**
     * With services that answer only "now", a slot crawled outside its hours would store the other
     * slot's content under its name: refused (exit 2) unless the operator says so.
     */
    private void checkSlotHours(Slot slot, Instant now, boolean atNowAnyway) {
        WorkerSettings.Upstream u = settings.upstream();
        LocalTime local = LocalTime.ofInstant(now, u.zone());
        Slot current = Slot.at(local, u.dayStarts(), u.nightStarts());
        if (current != slot && !atNowAnyway) {
            LocalTime from = slot == Slot.DAY ? u.dayStarts() : u.nightStarts();
            LocalTime to = slot == Slot.DAY ? u.nightStarts() : u.dayStarts();
            throw new UsageException("the upstream contract " + contract.name() + " cannot ask for another moment "
                    + "(supports-moment: false), and it is " + local.withNano(0) + " in " + u.zone() + ", outside the " + slot.id()
                    + " slot's hours (" + from + "-" + to + "); run it then, or pass --at-now-anyway to store what the services answer now");
        }
    }

    private String currentGridBuild() {
        List<String> current = jdbc.queryForList("SELECT build_id FROM grid_current WHERE id = 1", String.class);
        if (current.isEmpty()) {
            throw new IllegalStateException("no grid has been built yet: run ./hexsnap grid first (or pass --grid-build)");
        }
        return current.getFirst();
    }

    /** Runs a new generation to its end. */
    public Outcome run(GenerationRun run) throws Exception {
        refuseWhileAlive();
        store.redis().await(store.redis().ping());
        Optional<GenerationLedger.Entry> existing = ledger.find(run.generation());
        if (existing.isPresent()) {
            GenerationLedger.Entry e = existing.get();
            if (GenerationLedger.WRITING.equals(e.state())) {
                throw new IllegalStateException("generation " + run.generation() + " has an unfinished run; finish it with "
                        + "./hexsnap worker restart --generation " + run.generation());
            }
            throw new IllegalStateException("generation " + run.generation() + " was already run (" + e.state()
                    + "); pass --generation <new id> for another run, or heal it with ./hexsnap worker rerun-failures --generation "
                    + run.generation());
        }
        if (store.generation(run.generation()).isPresent()) {
            throw new IllegalStateException("generation " + run.generation() + " already exists in Redis (another deployment "
                    + "sharing this namespace?); pass --generation <new id>");
        }
        JobExecution execution;
        try {
            execution = operator.start(snapshotJob, run.toJobParameters());
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new IllegalStateException("generation " + run.generation() + " was already run to completion; pass --generation <new id>");
        }
        return outcome(run.generation(), execution);
    }

    /**
     * Restarts the last unfinished execution (of {@code generation}, or else of the generation of
     * {@code slot} worked on last, or else of the generation worked on last), first recovering one
     * a crash left STARTED.
     */
    public Outcome restart(String generation, Slot slot) throws Exception {
        Optional<GenerationLedger.Entry> found = generation != null ? ledger.find(generation)
                : slot != null ? ledger.latest(slot) : ledger.latest();
        GenerationLedger.Entry entry = found.orElseThrow(() -> new IllegalStateException(generation != null
                ? "no run of generation " + generation + " is recorded"
                : slot != null ? "no run of the " + slot.id() + " slot is recorded yet: nothing to restart"
                : "no run is recorded yet: nothing to restart"));
        if (entry.jobExecutionId() == null) {
            throw new IllegalStateException("generation " + entry.generation() + " has no recorded execution to restart");
        }
        JobExecution last = repository.getJobExecution(entry.jobExecutionId());
        if (last == null) {
            throw new IllegalStateException("execution " + entry.jobExecutionId() + " of generation " + entry.generation()
                    + " is not in the job repository");
        }
        if (last.getStatus().isRunning()) {
            Duration quiet = entry.heartbeatAt() == null ? null : Duration.between(entry.heartbeatAt(), clock.instant());
            if (quiet != null && quiet.compareTo(settings.progress().staleAfter()) < 0) {
                throw new IllegalStateException("generation " + entry.generation() + " is still running (" + entry.runner()
                        + ", heartbeat " + quiet.toSeconds() + " s ago); nothing to restart");
            }
            log.info("execution {} of generation {} was left {} by a process that is gone ({}); recovering it",
                    last.getId(), entry.generation(), last.getStatus(), entry.runner());
            last = operator.recover(last);
            // Its process is gone: its last heartbeat must not pass for a run in progress below.
            ledger.detach(entry.generation());
        }
        if (last.getStatus() == BatchStatus.COMPLETED) {
            return new Outcome(entry.generation(), BatchStatus.COMPLETED, entry.state(),
                    "nothing to restart: the last run of " + entry.generation() + " completed (" + entry.state() + ")"
                            + (GenerationLedger.REFUSED.equals(entry.state())
                            ? "; heal it with ./hexsnap worker rerun-failures --generation " + entry.generation() : ""));
        }
        refuseWhileAlive();
        Job job = last.getJobInstance().getJobName().equals(RerunFailuresJobConfiguration.JOB) ? rerunJob : snapshotJob;
        log.info("restarting {} of generation {} (execution {} ended {})", job.getName(), entry.generation(), last.getId(),
                last.getStatus());
        JobExecution execution;
        try {
            // Same parameters, same job instance: Batch resumes it from its last committed chunks.
            execution = operator.start(job, last.getJobParameters());
        } catch (JobExecutionAlreadyRunningException e) {
            throw new IllegalStateException("generation " + entry.generation() + " is already running");
        }
        return outcome(entry.generation(), execution);
    }

    /** Crawls again only what failed in a finished generation, and evaluates it again. */
    public Outcome rerunFailures(String generation) throws Exception {
        GenerationLedger.Entry entry = ledger.find(generation)
                .orElseThrow(() -> new IllegalStateException("no run of generation " + generation + " is recorded"));
        if (GenerationLedger.WRITING.equals(entry.state())) {
            throw new IllegalStateException("the run of generation " + generation
                    + " has not finished; finish it with ./hexsnap worker restart --generation " + generation);
        }
        if (GenerationLedger.DELETED.equals(entry.state())) {
            throw new IllegalStateException("generation " + generation + " was deleted by retention");
        }
        refuseWhileAlive();
        store.redis().await(store.redis().ping());
        JobParameters parameters = new JobParametersBuilder()
                .addString(GenerationRun.GENERATION, generation)
                .addString(RerunFailuresJobConfiguration.REQUESTED_AT, clock.instant().toString())
                .toJobParameters();
        return outcome(generation, operator.start(rerunJob, parameters));
    }

    private void refuseWhileAlive() {
        List<GenerationLedger.Entry> alive = ledger.alive(clock.instant().minus(settings.progress().staleAfter()));
        if (!alive.isEmpty()) {
            GenerationLedger.Entry a = alive.getFirst();
            throw new IllegalStateException("a run is in progress: generation " + a.generation() + " (" + a.runner()
                    + "); wait for it, or restart once it is gone");
        }
    }

    private Outcome outcome(String generation, JobExecution execution) {
        String state = ledger.find(generation).map(GenerationLedger.Entry::state).orElse("?");
        String message;
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            message = ledger.find(generation).map(GenerationLedger.Entry::verdict).orElse("completed");
        } else {
            String reason = execution.getAllFailureExceptions().stream().findFirst()
                    .map(CommandLineProgram::reason).orElse(execution.getExitStatus().getExitDescription());
            message = "the run stopped (" + execution.getStatus() + "): " + reason
                    + "; finish it with ./hexsnap worker restart --generation " + generation;
        }
        return new Outcome(generation, execution.getStatus(), state, message);
    }
}
