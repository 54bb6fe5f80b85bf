package dev.hexsnap.worker;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.testsupport.UpstreamProxy;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill of the issue: an upstream answering 10% errors, 5% timeouts and 5% empty pages on
 * every endpoint. Retries must bring coverage to 99% or more; what still fails is recorded and
 * healed by {@code rerun-failures}. One cell's home page is made to fail on every attempt (by
 * a proxy), so that there is always something to record and to heal.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultyUpstreamIntegrationTests {

    /** A cold upstream (JIT, first pages) answers slowly at first: that is not the drill. */
    private static void warmUp(String base, List<Long> cells) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (long cell : cells.subList(0, 30)) {
            LatLng p = HexGrid.shared().center(cell);
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/pages/home?lat=" + p.lat() + "&lng="
                    + p.lng() + "&account=generic")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void retriesReachTheCoverageTheRestIsRecordedAndRerunningHealsIt(CapturedOutput output) throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.1)
                .homePageBytes(5_000).channelPageBytes(4_000).timeoutHang(Duration.ofSeconds(4)));
             UpstreamProxy proxy = new UpstreamProxy(upstream.baseUrl());
             ThrowawayDatabase db = ThrowawayDatabase.create("worker_faults");
             WebhookReceiver webhook = new WebhookReceiver()) {
            String namespace = TestNamespaces.fresh();
            try (RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace))) {
                SnapshotStore store = new SnapshotStore(redis);
                // given 127 res-8 cells, one of whose home page fails whatever the attempt
                TestGrid.migrate(db);
                List<Long> cells = TestGrid.write(db, new int[]{8}, new int[]{6}).getFirst();
                long doomed = cells.get(5);
                LatLng spot = HexGrid.shared().center(doomed);
                proxy.failWhere(path -> path.startsWith("/v1/pages/home?lat=" + spot.lat() + "&lng=" + spot.lng() + "&"));
                warmUp(upstream.baseUrl(), cells);
                upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withErrorRate(0.10).withTimeoutRate(0.05).withEmptyRate(0.05));
                Path metricsFile = Files.createTempDirectory("worker-metrics").resolve("hexsnap-worker.prom");
                WorkerCli cli = new WorkerCli(WorkerCli.arguments(db, TestServices.REDIS, namespace, proxy.baseUrl(),
                        "--hexsnap.worker.upstream.request-timeout=1s", "--hexsnap.worker.upstream.max-attempts=8",
                        "--hexsnap.worker.upstream.max-concurrent-requests=24",
                        // alerts: the run outlasts a 2 s budget, and the doomed cell is 1 of 127 (0.8%) failed
                        "--hexsnap.worker.alerts.webhook-url=" + webhook.url(), "--hexsnap.worker.alerts.time-budget=2s",
                        "--hexsnap.worker.alerts.failure-share=0.005", "--hexsnap.worker.alerts.metrics-file=" + metricsFile));

                // when
                WorkerCli.Result result = cli.run("run", "--generation", "drill", "--resolutions", "8", "--date", "2026-11-23");

                // then coverage reached the threshold despite a fifth of the answers failing, and it was published
                assertThat(result.exit()).as(result.out()).isZero();
                assertThat(store.current(Slot.DAY)).contains("drill");
                // and the time budget and the failure share raised their alerts: an ERROR line each and a POST each
                assertThat(output.getAll()).contains("ALERT time-budget generation drill", "ALERT failures generation drill");
                assertThat(webhook.bodies()).anyMatch(b -> b.contains("\"alert\":\"time-budget\"") && b.contains("\"drill\""))
                        .anyMatch(b -> b.contains("\"alert\":\"failures\"") && b.contains("\"drill\""));
                // and counted in the metrics file the command left for node_exporter's textfile collector
                assertThat(Files.readString(metricsFile))
                        .containsPattern("hexsnap_worker_alerts_total\\{kind=\"time-budget\"[^}]*} 1\\.0")
                        .containsPattern("hexsnap_worker_alerts_total\\{kind=\"failures\"[^}]*} 1\\.0");
                assertThat(Sql.number(db, "SELECT ROUND(cell_coverage * 10000) FROM worker_generation")).isBetween(9900L, 9999L);
                assertThat(Sql.number(db, "SELECT ROUND(store_coverage * 10000) FROM worker_generation")).isGreaterThanOrEqualTo(9900L);
                assertThat(result.out()).containsPattern("\\(\\d{2,}[\\d,]* retries, \\d[\\d,]* timeouts, \\d[\\d,]* errors, \\d[\\d,]* empty");
                // and the doomed cell is recorded with its page, error and every attempt; so is anything else that failed
                assertThat(Sql.text(db, "SELECT CONCAT(page, '|', error, '|', attempts) FROM worker_failure WHERE target = '"
                        + HexGrid.shared().toAddress(doomed) + "'")).isEqualTo("home|HTTP 503|8");
                assertThat(Sql.number(db, """
                        SELECT COUNT(*) FROM worker_cell c WHERE c.generation = 'drill' AND c.status = 'FAILED' AND NOT EXISTS
                          (SELECT 1 FROM worker_failure f WHERE f.generation = c.generation AND f.target_kind = 'cell'
                           AND f.resolved_at IS NULL AND f.resolution = c.resolution AND f.target = LOWER(HEX(c.cell_id)))"""))
                        .isZero();
                assertThat(store.read("drill", new SnapshotKey.Home(8, doomed))).isEmpty();

                // when the upstream recovers and only the failures are crawled again
                proxy.heal();
                upstream.faults().reset();
                WorkerCli.Result healed = cli.run("rerun-failures", "--generation", "drill");

                // then nothing is left open, every cell is complete, the doomed cell's page is there
                assertThat(healed.exit()).as(healed.out()).isZero();
                assertThat(Sql.number(db, "SELECT COUNT(*) FROM worker_failure WHERE resolved_at IS NULL")).isZero();
                assertThat(Sql.number(db, "SELECT COUNT(*) FROM worker_cell WHERE status = 'COMPLETE'")).isEqualTo(cells.size());
                assertThat(Sql.number(db, "SELECT ROUND(cell_coverage * 100) FROM worker_generation")).isEqualTo(100L);
                assertThat(store.read("drill", new SnapshotKey.Home(8, doomed))).isPresent();
                assertThat(store.current(Slot.DAY)).contains("drill");
            } finally {
                TestNamespaces.clear(namespace);
            }
        }
    }
}
