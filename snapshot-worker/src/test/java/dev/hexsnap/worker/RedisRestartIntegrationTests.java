package dev.hexsnap.worker;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.testsupport.RedisServerProcess;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis restarted in the middle of a run (a server of the test's own, without persistence, so
 * everything written before is lost): the run rides out the outage or fails cleanly, and a
 * generation missing pages is never published.
 */
class RedisRestartIntegrationTests {

    @Test
    void aGenerationThatLostPagesInARedisRestartIsNeverPublishedAndIsHealedAfterwards() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start();
             DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.1)
                     .homePageBytes(5_000).channelPageBytes(4_000));
             ThrowawayDatabase db = ThrowawayDatabase.create("worker_redis")) {
            // given a run slowed down (40 ms per request, 4 at a time) so that Redis can be restarted in its middle
            TestGrid.migrate(db);
            warmUp(upstream.baseUrl());
            TestGrid.write(db, new int[]{8}, new int[]{1});
            upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withLatencyMs(40));
            WorkerCli cli = new WorkerCli(WorkerCli.arguments(db, server.hostAndPort(), "rr", upstream.baseUrl(),
                    "--hexsnap.worker.upstream.max-concurrent-requests=4", "--hexsnap.worker.job.store-chunk-size=1"));
            // on a thread of its own: the common pool (one thread on two cores) must stay free for the HTTP client
            var runner = java.util.concurrent.Executors.newSingleThreadExecutor();
            CompletableFuture<WorkerCli.Result> run = CompletableFuture.supplyAsync(
                    () -> cli.run("run", "--generation", "r1", "--resolutions", "8", "--date", "2026-11-23"), runner);
            runner.shutdown();

            // when Redis restarts empty once some stores are committed
            waitUntil(() -> Sql.number(db, "SELECT COUNT(*) FROM worker_store WHERE status = 'COMPLETE'") >= 3, run);
            server.restart();
            WorkerCli.Result result = run.join();

            // then the run did not publish: it either failed, or verification found the lost pages and refused
            try (RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.standalone(server.hostAndPort(), "rr"))) {
                SnapshotStore store = new SnapshotStore(redis);
                assertThat(result.exit()).as(result.out()).isEqualTo(1);
                assertThat(store.current(Slot.DAY)).isEmpty();
                String state = Sql.text(db, "SELECT state FROM worker_generation WHERE generation = 'r1'");
                assertThat(state).isIn("REFUSED", "WRITING");
                if (state.equals("REFUSED")) {
                    assertThat(Sql.number(db, "SELECT COUNT(*) FROM worker_failure WHERE error LIKE '%missing from Redis%'")).isPositive();
                }

                // when the operator finishes or heals it
                upstream.faults().reset();
                WorkerCli.Result healed = state.equals("WRITING") ? cli.run("restart") : cli.run("rerun-failures", "--generation", "r1");
                if (healed.exit() != 0) {
                    healed = cli.run("rerun-failures", "--generation", "r1");
                }

                // then it is published only now, with every page it records present
                assertThat(healed.exit()).as(healed.out()).isZero();
                assertThat(store.current(Slot.DAY)).contains("r1");
                Set<String> keys = new TreeSet<>();
                redis.scan(store.entryPattern("r1"), 1000, keys::addAll);
                assertThat((long) keys.size()).isEqualTo(Sql.number(db, "SELECT pages FROM worker_generation"));
            }
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, CompletableFuture<?> run) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!condition.getAsBoolean()) {
            if (run.isDone() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the run ended (or took too long) before the condition held");
            }
            Thread.sleep(50);
        }
    }

    /** A cold upstream takes seconds over its first page (it builds its world index): not part of the test. */
    static void warmUp(String base) throws Exception {
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                base + "/v1/pages/home?lat=31.23&lng=121.47&account=generic")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }
}
