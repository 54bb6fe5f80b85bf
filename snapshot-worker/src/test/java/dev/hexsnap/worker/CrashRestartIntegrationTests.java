package dev.hexsnap.worker;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.worker.generation.GenerationRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's own executable jar, killed with SIGKILL in the middle of a run (some chunks
 * committed, some not), then restarted: the run completes, every expected key is there once
 * and nothing else, and the generation published before served unchanged until then.
 */
class CrashRestartIntegrationTests {

    /** Where the run is killed: some chunks of that step committed, some not. */
    enum KillPoint {
        CELL_STEP("worker_cell", "cellWorkerStep:%", 60),
        STORE_STEP("worker_store", "storeWorkerStep:%", 30);

        final String table;
        final String steps;
        final int latencyMs;

        KillPoint(String table, String steps, int latencyMs) {
            this.table = table;
            this.steps = steps;
            this.latencyMs = latencyMs;
        }

        /** Rows of the step committed so far (a store row exists before it is crawled: count the crawled ones). */
        String committedSql() {
            return this == CELL_STEP ? "SELECT COUNT(*) FROM worker_cell WHERE generation = 'after'"
                    : "SELECT COUNT(*) FROM worker_store WHERE generation = 'after' AND crawled_at IS NOT NULL";
        }
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void aRunKilledMidwayIsFinishedByRestartWithEveryPageOnceAndThePreviousGenerationServingMeanwhile(KillPoint kill) throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("build the exec jar first (mvn package)"));
        }
        String namespace = TestNamespaces.fresh();
        try (DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.1)
                .homePageBytes(5_000).channelPageBytes(4_000));
             ThrowawayDatabase db = ThrowawayDatabase.create("worker_crash");
             RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace))) {
            SnapshotStore store = new SnapshotStore(redis);
            TestGrid.migrate(db);
            warmUp(upstream.baseUrl());
            List<List<Long>> cells = TestGrid.write(db, new int[]{8}, new int[]{2});
            long totalCells = cells.getFirst().size();
            List<String> common = WorkerCli.arguments(db, TestServices.REDIS, namespace, upstream.baseUrl(),
                    "--hexsnap.worker.job.store-chunk-size=1", "--hexsnap.worker.job.cell-chunk-size=1");
            WorkerCli cli = new WorkerCli(common);

            // given a generation published before, whose home page of the first cell we keep
            assertThat(cli.run("run", "--generation", "before", "--resolutions", "8", "--date", "2026-11-22").exit()).isZero();
            SnapshotKey sample = new SnapshotKey.Home(8, cells.getFirst().getFirst());
            byte[] served = store.readRaw("before", sample).orElseThrow();

            // when the worker's jar runs the next generation, slowly, and is killed once some chunks of the step are committed
            upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withLatencyMs(kill.latencyMs));
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Djava.io.tmpdir=" + new File("target").getAbsolutePath(), "-jar", jar.toString(),
                    "run", "--generation", "after", "--resolutions", "8", "--date", "2026-11-23", "--concurrency", "4"));
            command.addAll(common);
            Process worker = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/crash-worker.log")).start();
            try {
                Instant deadline = Instant.now().plusSeconds(120);
                long total = -1;
                while (Instant.now().isBefore(deadline) && worker.isAlive()) {
                    long done = Sql.number(db, kill.committedSql());
                    total = kill == KillPoint.CELL_STEP ? totalCells
                            : Sql.number(db, "SELECT COUNT(*) FROM worker_store WHERE generation = 'after'");
                    if (done >= 2 && done < total - 2) {
                        break;
                    }
                    Thread.sleep(10);
                }
                assertThat(worker.isAlive()).as("the worker is still running when killed").isTrue();
                worker.destroyForcibly(); // SIGKILL
                assertThat(worker.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                worker.destroyForcibly();
            }

            // then the previous generation serves, unchanged, and the execution is left STARTED by the dead process
            assertThat(store.current(Slot.DAY)).contains("before");
            assertThat(store.readRaw("before", sample)).hasValueSatisfying(v -> assertThat(v).isEqualTo(served));
            assertThat(Sql.text(db, "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")).isEqualTo("STARTED");
            long committedBeforeKill = Sql.number(db, kill.committedSql());

            // when it is restarted once its heartbeat is stale
            upstream.faults().reset();
            Thread.sleep(4_500); // stale-after is 3 s; heartbeats come every second
            WorkerCli.Result restarted = cli.run("restart");

            // then it completes as the same job instance, without redoing committed chunks, and publishes
            assertThat(restarted.exit()).as(restarted.out()).isZero();
            assertThat(store.current(Slot.DAY)).contains("after");
            assertThat(store.previous(Slot.DAY)).contains("before");
            assertThat(Sql.text(db, """
                    SELECT GROUP_CONCAT(e.STATUS ORDER BY e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
                    JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                    WHERE p.PARAMETER_NAME = 'generation' AND p.PARAMETER_VALUE = 'after'""")).isEqualTo("FAILED,COMPLETED");
            long writtenByRestart = Sql.number(db, """
                    SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                    WHERE s.STEP_NAME LIKE '%s' AND e.JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)""".formatted(kill.steps));
            long committedInAll = Sql.number(db, kill.committedSql());
            // bound: what was not committed before the kill, plus at most one chunk (of 1 item) per partition running (4) in flight
            assertThat(writtenByRestart).as("items crawled by the restart").isLessThanOrEqualTo(committedInAll - committedBeforeKill + 4);
            assertThat(committedBeforeKill).as("committed before the kill").isGreaterThanOrEqualTo(2);

            // and the generation holds exactly the expected pages
            Instant at = GenerationRun.moment(LocalDate.of(2026, 11, 23), LocalTime.NOON, ZoneId.of("Asia/Shanghai"));
            ExpectedPages expected = ExpectedPages.of(upstream.baseUrl(), List.of(8), cells, at);
            Set<String> stored = new TreeSet<>();
            String prefix = namespace + ":s:after:";
            redis.scan(store.entryPattern("after"), 1000, keys -> keys.forEach(k -> stored.add(k.substring(prefix.length()))));
            assertThat(stored).isEqualTo(expected.paths);
            assertThat(Sql.number(db, "SELECT pages FROM worker_generation WHERE generation = 'after'")).isEqualTo(expected.paths.size());
        } finally {
            TestNamespaces.clear(namespace);
        }
    }

    /** A cold upstream takes seconds over its first page (it builds its world index): not part of the test. */
    static void warmUp(String base) throws Exception {
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                base + "/v1/pages/home?lat=31.23&lng=121.47&account=generic")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }
}
