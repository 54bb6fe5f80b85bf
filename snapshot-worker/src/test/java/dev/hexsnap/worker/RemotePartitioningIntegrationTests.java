package dev.hexsnap.worker;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.testsupport.UpstreamProxy;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.worker.generation.GenerationRun;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --remote} with three {@code serve} workers, each a JVM of its own (the exec jar), all
 * through one upstream ceiling kept in Redis; one worker is killed with SIGKILL while it runs a
 * partition. The other two take its partition over from its last committed chunk and the run
 * publishes exactly the pages a run alone would, every cell and store written once, and the
 * upstream never sees more requests in one second than the ceiling.
 */
class RemotePartitioningIntegrationTests {

    private static final int CEILING = 60;

    @Test
    void threeWorkerProcessesShareOneCeilingAndFinishTheRunWhenOneIsKilled() throws Exception {
        Path jar = execJar();
        String namespace = TestNamespaces.fresh();
        List<Process> workers = new ArrayList<>();
        try (DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.1)
                .homePageBytes(5_000).channelPageBytes(4_000));
             UpstreamProxy proxy = new UpstreamProxy(upstream.baseUrl());
             ThrowawayDatabase db = ThrowawayDatabase.create("worker_remote");
             RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace))) {
            SnapshotStore store = new SnapshotStore(redis);
            TestGrid.migrate(db);
            CrashRestartIntegrationTests.warmUp(upstream.baseUrl());
            List<List<Long>> cells = TestGrid.write(db, new int[]{8}, new int[]{3});
            upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withLatencyMs(30));
            List<String> common = WorkerCli.arguments(db, TestServices.REDIS, namespace, proxy.baseUrl(),
                    "--rps", String.valueOf(CEILING), "--concurrency", "8",
                    "--hexsnap.worker.remote.poll-interval=200ms", "--hexsnap.worker.job.grid-size=4",
                    "--hexsnap.worker.job.cell-chunk-size=2", "--hexsnap.worker.job.store-chunk-size=1",
                    // four JVMs on two shared cores: connecting can take longer than the defaults allow, and a live
                    // worker's heartbeat can come seconds late (a takeover of a live worker is safe, but not this test's point)
                    "--hexsnap.redis.connect-timeout=20s", "--hexsnap.redis.command-timeout=20s",
                    "--hexsnap.worker.progress.stale-after=10s");

            // given three worker processes serving partitions
            for (int i = 0; i < 3; i++) {
                List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + new File("target").getAbsolutePath(),
                        "-jar", jar.toString(), "serve", "--partitions", "2"));
                command.addAll(common);
                workers.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(new File("target/remote-worker-" + i + ".log")).start());
            }

            // (every grant of the shared ceiling, as Redis timed it: its log of the last second, read every 100 ms)
            GrantLog grants = new GrantLog(redis, namespace + ":{ceiling:upstream}:starts");

            // when the manager runs a generation through them
            CompletableFuture<WorkerCli.Result> run = CompletableFuture.supplyAsync(() -> new WorkerCli(common)
                    .run("run", "--remote", "--generation", "remote", "--resolutions", "8", "--date", "2026-11-23"));

            // and one worker is killed (SIGKILL) while it runs a partition that has committed a chunk
            Process victim = null;
            // generous: on two shared cores under load, three JVMs can take minutes to start
            Instant deadline = Instant.now().plus(Duration.ofSeconds(600));
            while (victim == null && Instant.now().isBefore(deadline) && !run.isDone()) {
                assertThat(workers).as("workers alive (see target/remote-worker-*.log)").allMatch(Process::isAlive);
                String holder = Sql.text(db, """
                        SELECT l.worker FROM worker_partition_lease l
                        JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = l.step_execution_id
                        WHERE l.finished_at IS NULL AND s.STATUS = 'STARTED' AND s.COMMIT_COUNT >= 1 LIMIT 1""");
                if (holder != null) {
                    long pid = Long.parseLong(holder.substring(0, holder.indexOf('@')));
                    victim = workers.stream().filter(p -> p.pid() == pid).findFirst().orElse(null);
                }
                Thread.sleep(20);
            }
            assertThat(victim).as("a worker running a partition with a committed chunk, before the run ended").isNotNull();
            victim.destroyForcibly();
            assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long victimPid = victim.pid();

            // then the run completes and publishes
            WorkerCli.Result result = run.get(600, TimeUnit.SECONDS);
            assertThat(result.exit()).as(result.out() + result.err()).isZero();
            assertThat(store.current(Slot.DAY)).contains("remote");

            // with exactly the expected pages (what the upstream serves for these cells, asked directly)
            upstream.faults().reset();
            Instant at = GenerationRun.moment(LocalDate.of(2026, 11, 23), LocalTime.NOON, ZoneId.of("Asia/Shanghai"));
            ExpectedPages expected = ExpectedPages.of(upstream.baseUrl(), List.of(8), cells, at);
            Set<String> stored = new TreeSet<>();
            String prefix = namespace + ":s:remote:";
            redis.scan(store.entryPattern("remote"), 1000, keys -> keys.forEach(k -> stored.add(k.substring(prefix.length()))));
            assertThat(stored).isEqualTo(expected.paths);
            assertThat(Sql.number(db, "SELECT pages FROM worker_generation WHERE generation = 'remote'")).isEqualTo(expected.paths.size());

            // every cell and store written once: the committed chunks of all partitions, the killed one's included, add up
            long cellRows = Sql.number(db, "SELECT COUNT(*) FROM worker_cell WHERE generation = 'remote'");
            long storeRows = Sql.number(db, "SELECT COUNT(*) FROM worker_store WHERE generation = 'remote'");
            assertThat(cellRows).isEqualTo(cells.getFirst().size());
            assertThat(Sql.number(db, "SELECT SUM(WRITE_COUNT) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'cellWorkerStep:%'"))
                    .isEqualTo(cellRows);
            assertThat(Sql.number(db, "SELECT SUM(WRITE_COUNT) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'storeWorkerStep:%'"))
                    .isEqualTo(storeRows);
            assertThat(Sql.number(db, "SELECT SUM(seen_count) FROM worker_store WHERE generation = 'remote'"))
                    .as("each sighting counted once").isEqualTo((long) expected.sightings.values().stream().mapToInt(Integer::intValue).sum());

            // the killed worker's partitions (those it held, up to 2) were taken over, and nothing else was; all
            // partitions ran on the workers, none on the manager
            long heldByVictim = Sql.number(db, "SELECT COUNT(*) FROM worker_partition_lease WHERE worker LIKE '"
                    + victimPid + "@%' AND finished_at IS NULL");
            assertThat(heldByVictim).isBetween(1L, 2L);
            assertThat(Sql.number(db, """
                    SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS = 'FAILED' AND EXIT_MESSAGE LIKE '%taken from its worker%'"""))
                    .isEqualTo(heldByVictim);
            assertThat(Sql.number(db, """
                    SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS NOT IN ('COMPLETED', 'FAILED')""")).isZero();
            assertThat(Sql.number(db, """
                    SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s WHERE STEP_NAME LIKE '%WorkerStep:%'
                    AND NOT EXISTS (SELECT 1 FROM worker_partition_lease l WHERE l.step_execution_id = s.STEP_EXECUTION_ID)""")).isZero();
            assertThat(Sql.number(db, "SELECT COUNT(DISTINCT worker) FROM worker_partition_lease")).isEqualTo(3);

            // and the shared ceiling never granted more requests in one second than the ceiling, all processes together
            // (Redis's clock: what the ceiling governs; on this loaded machine the proxy's own arrival times jitter by
            // hundreds of ms, which would squeeze starts into windows they were not in), every request it saw was granted
            // there, and on average the upstream got no more than the ceiling either
            grants.close();
            assertThat(grants.busiestSecond()).isLessThanOrEqualTo(CEILING).isGreaterThan(CEILING / 2);
            assertThat((long) grants.size()).isGreaterThanOrEqualTo(proxy.requests());
            assertThat(proxy.requests()).isLessThanOrEqualTo(CEILING * (long) Math.ceil(proxy.spanSeconds() + 1));
        } finally {
            for (Process worker : workers) {
                worker.destroy();
            }
            for (Process worker : workers) {
                if (!worker.waitFor(25, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
            TestNamespaces.clear(namespace);
        }
    }

    /** Collects the members of the shared ceiling's sliding log (each lives there at least a second) with their grant times. */
    static final class GrantLog implements AutoCloseable {

        private final java.util.Map<String, Long> micros = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.ScheduledExecutorService poller =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        GrantLog(RedisKeyValue redis, String key) {
            poller.scheduleAtFixedRate(() -> {
                List<Object> entries;
                try {
                    entries = redis.await(redis.eval("return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')",
                            io.lettuce.core.ScriptOutputType.MULTI, new String[]{key}));
                } catch (RuntimeException e) {
                    return; // the next poll, 100 ms later, still finds what is granted now
                }
                for (int i = 0; i + 1 < entries.size(); i += 2) {
                    micros.put(new String((byte[]) entries.get(i), java.nio.charset.StandardCharsets.UTF_8),
                            (long) Double.parseDouble(new String((byte[]) entries.get(i + 1), java.nio.charset.StandardCharsets.UTF_8)));
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        int size() {
            return micros.size();
        }

        int busiestSecond() {
            List<Long> times = new ArrayList<>(micros.values());
            java.util.Collections.sort(times);
            int best = 0;
            int first = 0;
            for (int last = 0; last < times.size(); last++) {
                while (times.get(last) - times.get(first) >= 1_000_000L) {
                    first++;
                }
                best = Math.max(best, last - first + 1);
            }
            return best;
        }

        @Override
        public void close() throws InterruptedException {
            poller.shutdown();
            poller.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static Path execJar() throws Exception {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("build the exec jar first (mvn package)"));
        }
    }
}
