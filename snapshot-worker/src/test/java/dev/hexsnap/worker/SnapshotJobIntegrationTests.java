package dev.hexsnap.worker;

import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.RequestHeat;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.testsupport.UpstreamProxy;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.worker.generation.GenerationRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job end to end against the real MariaDB and Redis and the demo upstream in-process,
 * reached through a proxy that measures what the upstream sees and fails chosen paths.
 */
class SnapshotJobIntegrationTests {

    static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static DemoUpstream upstream;

    private ThrowawayDatabase db;
    private String namespace;
    private UpstreamProxy proxy;
    private RedisKeyValue redis;
    private SnapshotStore store;

    @BeforeAll
    static void startUpstream() {
        upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.15).homePageBytes(6_000).channelPageBytes(4_000));
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        db = ThrowawayDatabase.create("worker");
        TestGrid.migrate(db);
        namespace = TestNamespaces.fresh();
        proxy = new UpstreamProxy(upstream.baseUrl());
        redis = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace));
        store = new SnapshotStore(redis);
        upstream.faults().reset();
    }

    @AfterEach
    void tearDown() {
        upstream.faults().reset();
        redis.close();
        TestNamespaces.clear(namespace);
        proxy.close();
        db.close();
    }

    private WorkerCli cli(String... more) {
        return new WorkerCli(WorkerCli.arguments(db, TestServices.REDIS, namespace, proxy.baseUrl(), more));
    }

    private Set<String> storedPaths(String generation) {
        Set<String> paths = new TreeSet<>();
        String prefix = namespace + ":s:" + generation + ":";
        redis.scan(store.entryPattern(generation), 1000, keys -> keys.forEach(k -> paths.add(k.substring(prefix.length()))));
        return paths;
    }

    private Map<String, Object> row(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Map<String, Object> row = new HashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
            }
            return row;
        }
    }

    private List<Map<String, Object>> rows(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> all = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                all.add(row);
            }
            return all;
        }
    }

    @Test
    void aRunStoresEveryPageOnceSkipsClosedStoresAndPublishes() throws Exception {
        // given a grid of 19 res-8 cells and 7 res-7 cells around the city centre, crawled at 03:00 (many stores closed)
        List<List<Long>> cells = TestGrid.write(db, new int[]{7, 8}, new int[]{1, 2});
        var at = GenerationRun.moment(DATE, LocalTime.of(3, 0), ZONE);
        ExpectedPages expected = ExpectedPages.of(upstream.baseUrl(), List.of(7, 8), cells, at);

        // when
        WorkerCli.Result result = cli("--hexsnap.worker.upstream.night-moment=03:00")
                .run("run", "--slot", "night", "--date", DATE.toString(), "--rps", "40");

        // then the generation is published and holds exactly the expected pages, each key once
        assertThat(result.exit()).as(result.out()).isZero();
        String generation = "20261123-night";
        assertThat(store.current(Slot.NIGHT)).contains(generation);
        assertThat(storedPaths(generation)).isEqualTo(expected.paths);
        assertThat(store.generation(generation).orElseThrow().pages()).isEqualTo(expected.paths.size());
        // and the grid's request counts of its cells are recorded for the APIs' warm-up, hottest first
        for (int r = 0; r < 2; r++) {
            assertThat(store.heatSummary(generation, 7 + r).orElseThrow().cells()).isEqualTo(cells.get(r).size());
            assertThat(store.heat(generation, 7 + r, 0, 1000)).extracting(RequestHeat.Cell::cell).containsExactlyElementsOf(cells.get(r));
            assertThat(store.heat(generation, 7 + r, 1, 1).getFirst().requests()).isEqualTo(998);
        }

        // and every store appears once, however many cells show it, with the pages that showed it counted
        List<Map<String, Object>> stores = rows("SELECT store_id, seen_count, status FROM worker_store WHERE generation = '" + generation + "'");
        assertThat(stores).hasSize(expected.stores.size());
        for (Map<String, Object> s : stores) {
            String id = (String) s.get("store_id");
            assertThat(((Number) s.get("seen_count")).intValue()).as(id).isEqualTo(expected.sightings.get(id));
            assertThat(s.get("status")).as(id).isEqualTo(expected.openStores.contains(id) ? "COMPLETE" : "CLOSED");
        }
        assertThat(expected.stores.values().stream().filter(v -> v != null && !v.equals("open")).count())
                .as("the night world shows some closed stores").isPositive();
        for (String closed : expected.notOpenStores) {
            assertThat(store.read(generation, new SnapshotKey.StoreCategories(closed))).as(closed).isEmpty();
        }

        // and no one-second window held more requests than the ceiling (40), where the worker starts them (exact);
        // at the upstream's side, over the whole run, no more than 40 per second begun (arrival times at the test
        // proxy jitter with its dispatching on a busy machine, so single windows are judged at the source)
        assertThat(result.out()).contains("busiest second 40 requests (ceiling 40)");
        assertThat(proxy.requests()).isLessThanOrEqualTo(40L * (long) Math.ceil(proxy.spanSeconds() + 1));
        assertThat(row("SELECT cell_coverage, store_coverage, state FROM worker_generation").get("state")).isEqualTo("PUBLISHED");

        // and every location page was asked for as the generic account, exactly once per request, as the upstream received it
        List<java.net.URI> locationRequests = proxy.received().stream()
                .filter(u -> u.getPath().equals("/v1/pages/home") || u.getPath().startsWith("/v1/pages/channel/")).toList();
        assertThat(locationRequests).hasSizeGreaterThanOrEqualTo((int) expected.paths.stream()
                .filter(p -> p.startsWith("home:") || p.startsWith("channel:")).count());
        assertThat(locationRequests).allSatisfy(u -> assertThat(u.getRawQuery().split("&"))
                .as("query of %s", u).filteredOn(param -> param.startsWith("account=")).containsExactly("account=generic"));

        // and 'worker status' shows the published generation and the finished run, figure by figure
        WorkerCli.Result status = cli().run("status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("(?m)^night +" + generation + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d")
                .containsPattern("(?m)^day +\\(none\\)")
                .contains("last run     " + generation + " (night), published, not running\n")
                .contains("cells        26 of 26 crawled, 0 failed\n")
                .contains("stores       " + expected.openStores.size() + " of " + expected.openStores.size() + " crawled, 0 failed\n")
                .contains("failures     0 open\n")
                .contains("verdict      " + row("SELECT verdict FROM worker_generation").get("verdict") + "\n");
    }

    @Test
    void aSecondRunWhileOneIsAliveIsRefusedAndStatusShowsTheLiveOne() throws Exception {
        // given a run of another process whose heartbeat is fresh (stale only after 10 minutes)
        TestGrid.write(db, new int[]{8}, new int[]{1});
        // (its heartbeat is "now" as the worker reads it: hexsnap.clock.start shifts both)
        Timestamp now = Timestamp.from(ShiftedClock.fromSystem().instant());
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                    INSERT INTO worker_generation (generation, slot, run_date, crawl_moment, resolutions, grid_build_id, state,
                      created_at, updated_at, job_name, runner, heartbeat_at)
                    VALUES ('20261123-day', 'day', '2026-11-23', '2026-11-23 04:00:00', '8', 'test-build', 'WRITING',
                      ?, ?, 'snapshotJob', '4242@elsewhere', ?)""")) {
            s.setTimestamp(1, now);
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            s.executeUpdate();
        }
        List<String> arguments = new ArrayList<>(WorkerCli.arguments(db, TestServices.REDIS, namespace, proxy.baseUrl()));
        assertThat(arguments.remove("--hexsnap.worker.progress.stale-after=3s")).isTrue();
        arguments.add("--hexsnap.worker.progress.stale-after=10m");
        WorkerCli cli = new WorkerCli(arguments);

        // when another run is asked for
        WorkerCli.Result refused = cli.run("run", "--generation", "second", "--resolutions", "8", "--date", DATE.toString());

        // then it is refused before anything starts, naming the live run
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("a run is in progress: generation 20261123-day (4242@elsewhere)");
        assertThat(row("SELECT COUNT(*) AS n FROM worker_generation WHERE generation = 'second'").get("n")).isEqualTo(0L);
        assertThat(row("SELECT COUNT(*) AS n FROM BATCH_JOB_EXECUTION").get("n")).isEqualTo(0L);
        assertThat(proxy.requests()).isZero();

        // and 'worker status' shows that run as running
        WorkerCli.Result status = cli.run("status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("last run     20261123-day \\(day\\), writing, running on 4242@elsewhere "
                + "\\(heartbeat \\d+ s ago\\)\n")
                .contains("cells        0 of 7 crawled, 0 failed\n");
    }

    @Test
    void emptyPagesAreNeverStoredTheGenerationIsRefusedAndRerunningTheFailuresPublishesIt() throws Exception {
        // given a published day generation
        List<List<Long>> cells = TestGrid.write(db, new int[]{8}, new int[]{1});
        assertThat(cli().run("run", "--generation", "g1", "--date", DATE.toString(), "--resolutions", "8").exit()).isZero();
        Set<String> g1 = storedPaths("g1");

        // when the channel endpoint answers nothing but empty pages during the next run
        upstream.faults().set(FaultTarget.CHANNEL, FaultSettings.none().withEmptyRate(1.0));
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            // (the breaker would pause the whole crawl for a failure this broad; here it only opens for a total outage)
            WorkerCli.Result refused = cli("--hexsnap.worker.alerts.webhook-url=" + webhook.url(),
                    "--hexsnap.worker.upstream.max-attempts=2", "--hexsnap.worker.upstream.breaker.failure-rate=1.0")
                    .run("run", "--generation", "g2", "--date", DATE.toString(), "--resolutions", "8");

            // then no empty page is stored, the run is refused, g1 keeps serving untouched, and the alert went out
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).contains("REFUSED");
            assertThat(storedPaths("g2")).isNotEmpty().noneMatch(path -> path.startsWith("channel:"));
            assertThat(store.current(Slot.DAY)).contains("g1");
            assertThat(storedPaths("g1")).isEqualTo(g1);
            assertThat(webhook.bodies()).anyMatch(body -> body.contains("\"alert\":\"publish-refused\"") && body.contains("\"g2\""));
        }
        assertThat(rows("SELECT page, error, attempts FROM worker_failure WHERE generation = 'g2' AND resolved_at IS NULL"))
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat((String) f.get("page")).startsWith("channel:");
                    assertThat((String) f.get("error")).startsWith("empty page");
                    assertThat(((Number) f.get("attempts")).intValue()).isEqualTo(2);
                });
        assertThat(cli().run("failures", "--generation", "g2").out()).contains("channel:", "empty page");

        // when the upstream is healthy again and only the failures are crawled again
        upstream.faults().reset();
        WorkerCli.Result healed = cli().run("rerun-failures", "--generation", "g2");

        // then g2 is complete and published, g1 is kept for rollback
        assertThat(healed.exit()).as(healed.out()).isZero();
        assertThat(store.current(Slot.DAY)).contains("g2");
        assertThat(store.previous(Slot.DAY)).contains("g1");
        assertThat(storedPaths("g2")).isEqualTo(g1);
        assertThat(row("SELECT COUNT(*) AS n FROM worker_failure WHERE generation = 'g2' AND resolved_at IS NULL").get("n"))
                .isEqualTo(0L);
        String table = cli().run("generations").out();
        assertThat(table).contains("GENERATION").containsPattern("g2 +day +published +current").containsPattern("g1 +day +retired +previous");

        // and an entry reads back decoded, and a rollback serves g1 again
        String home = "home:8:" + dev.hexsnap.core.geo.HexGrid.shared().toAddress(cells.getFirst().getFirst());
        WorkerCli.Result shown = cli().run("show", "--generation", "current", "--slot", "day", "--key", home, "--lines", "5");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains("generation   g2 (day slot)", "source cell", "\"kind\" : \"home\"");
        assertThat(cli().run("rollback", "--slot", "day").exit()).isZero();
        assertThat(store.current(Slot.DAY)).contains("g1");
    }

    @Test
    void aRunThatFailsWhileTheUpstreamIsDownRestartsToCompletionWithoutRedoingFinishedWork() throws Exception {
        // given the upstream down for the whole first attempt, and a breaker that gives up after a second
        TestGrid.write(db, new int[]{8}, new int[]{1});
        upstream.faults().set(FaultTarget.ALL, FaultSettings.fullOutage());
        WorkerCli cli = cli("--hexsnap.worker.upstream.max-attempts=20", "--hexsnap.worker.upstream.breaker.min-calls=5",
                "--hexsnap.worker.upstream.breaker.pause=200ms", "--hexsnap.worker.upstream.breaker.max-pause=1s");

        // when
        WorkerCli.Result failed = cli.run("run", "--generation", "g1", "--date", DATE.toString(), "--resolutions", "8");

        // then the run failed cleanly: nothing published, the job repository says FAILED
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).contains("the run stopped (FAILED)", "restart");
        assertThat(store.current(Slot.DAY)).isEmpty();
        assertThat(rows("SELECT STATUS FROM BATCH_JOB_EXECUTION")).extracting(r -> r.get("STATUS")).containsExactly("FAILED");
        assertThat(row("SELECT state FROM worker_generation WHERE generation = 'g1'").get("state")).isEqualTo("WRITING");

        // when the upstream is back and the run is restarted
        upstream.faults().reset();
        WorkerCli.Result otherSlot = cli.run("restart", "--slot", "night");
        WorkerCli.Result restarted = cli.run("restart", "--slot", "day");

        // then a restart of the other slot finds nothing to do
        assertThat(otherSlot.exit()).isNotZero();
        assertThat(otherSlot.out() + otherSlot.err()).contains("no run of the night slot");
        // and the same job instance completes, every cell once, and the generation is published
        assertThat(restarted.exit()).as(restarted.out()).isZero();
        assertThat(rows("SELECT e.STATUS FROM BATCH_JOB_EXECUTION e ORDER BY e.JOB_EXECUTION_ID"))
                .extracting(r -> r.get("STATUS")).containsExactly("FAILED", "COMPLETED");
        assertThat(row("SELECT COUNT(*) AS n FROM BATCH_JOB_INSTANCE").get("n")).isEqualTo(1L);
        assertThat(row("SELECT COUNT(*) AS n, SUM(status = 'COMPLETE') AS complete FROM worker_cell WHERE generation = 'g1'"))
                .containsEntry("n", 7L).hasEntrySatisfying("complete", v -> assertThat(((Number) v).intValue()).isEqualTo(7));
        assertThat(store.current(Slot.DAY)).contains("g1");
        assertThat(cli.run("restart").out()).contains("nothing to restart");
    }

    @Test
    void aBroadOutageMidRunPausesTheCrawlWhichResumesWhenTheUpstreamRecovers() throws Exception {
        // given an upstream that goes down for a while, and a breaker that pauses instead of hammering it
        TestGrid.write(db, new int[]{8}, new int[]{2});
        upstream.faults().set(FaultTarget.ALL, FaultSettings.fullOutage());
        Thread recovery = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(2_500);
                upstream.faults().reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        WorkerCli cli = cli("--hexsnap.worker.upstream.max-attempts=3", "--hexsnap.worker.upstream.breaker.min-calls=5",
                "--hexsnap.worker.upstream.breaker.pause=300ms", "--hexsnap.worker.upstream.breaker.max-pause=60s");

        // when
        WorkerCli.Result result = cli.run("run", "--generation", "g-pause", "--date", DATE.toString(), "--resolutions", "8");
        recovery.join();

        // then the breaker paused the crawl instead of hammering the upstream: over 2.5 s of outage, with a
        // 2,000 requests/s ceiling, the upstream saw a few dozen failing requests, not thousands
        assertThat(result.out()).containsPattern("breaker paused the crawl [1-9]\\d* times");
        Matcher errors = Pattern.compile("(\\d+) errors").matcher(result.out());
        assertThat(errors.find()).isTrue();
        assertThat(Integer.parseInt(errors.group(1))).isBetween(1, 100);
        // and it resumed when the upstream came back: every store and all but the cells whose requests had
        // failed before the breaker opened were crawled after the outage
        assertThat(row("SELECT SUM(status = 'COMPLETE') AS complete FROM worker_cell WHERE generation = 'g-pause'").get("complete"))
                .satisfies(n -> assertThat(((Number) n).intValue()).isGreaterThan(10));
        // and re-running the recorded failures completes the generation, which is then published
        WorkerCli.Result healed = cli.run("rerun-failures", "--generation", "g-pause");
        assertThat(healed.exit()).as(healed.out()).isZero();
        assertThat(store.current(Slot.DAY)).contains("g-pause");
    }
}
