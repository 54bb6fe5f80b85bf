package dev.hexsnap.worker;

import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
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
import org.springframework.boot.logging.LoggingSystem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code worker recrawl-stores} end to end: the diff-checker's request rows (written here as the
 * diff writes them) are taken, the stores crawled again from the demo upstream into the
 * generation the slot serves (real MariaDB and Redis), and the rows say what happened.
 */
class RecrawlStoresIntegrationTests {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String GENERATION = "g1";
    /**
     * The worker's clock, pinned: the generation is crawled on {@link #DATE} at 09:00 and re-crawled
     * at 10:00 the same day, so the re-crawl compares with the world as of that day (its menus drift
     * by date) whatever day the suite runs.
     */
    private static final Instant CRAWLED_AT = DATE.atTime(9, 0).atZone(ZONE).toInstant();
    private static final Instant RECRAWLED_AT = DATE.atTime(10, 0).atZone(ZONE).toInstant();

    private static DemoUpstream upstream;

    private ThrowawayDatabase db;
    private String namespace;
    private UpstreamProxy proxy;
    private RedisKeyValue redis;
    private SnapshotStore store;
    /** Store ids whose pages the published generation holds, ascending. */
    private List<String> openStores;

    @BeforeAll
    static void startUpstream() {
        upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.15).homePageBytes(6_000).channelPageBytes(4_000));
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void publishADayGeneration() throws Exception {
        db = ThrowawayDatabase.create("recrawl");
        TestGrid.migrate(db);
        namespace = TestNamespaces.fresh();
        proxy = new UpstreamProxy(upstream.baseUrl());
        redis = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace));
        store = new SnapshotStore(redis);
        upstream.faults().reset();
        TestGrid.write(db, new int[]{8}, new int[]{1});
        WorkerCli.Result run = cli(CRAWLED_AT).run("run", "--generation", GENERATION, "--date", DATE.toString(), "--resolutions", "8");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(store.current(Slot.DAY)).contains(GENERATION);
        openStores = strings("SELECT store_id FROM worker_store WHERE generation = 'g1' AND status = 'COMPLETE' ORDER BY store_id");
        assertThat(openStores).as("open stores of the demo world around the grid").hasSizeGreaterThanOrEqualTo(8);
    }

    @AfterEach
    void tearDown() {
        upstream.faults().reset();
        redis.close();
        TestNamespaces.clear(namespace);
        proxy.close();
        db.close();
    }

    /** The worker as a re-crawl runs it, at {@link #RECRAWLED_AT}. */
    private WorkerCli cli(String... more) {
        return cli(RECRAWLED_AT, more);
    }

    private WorkerCli cli(Instant clockStart, String... more) {
        List<String> properties = new ArrayList<>(List.of(more));
        properties.add("--" + ShiftedClock.PROPERTY + "=" + clockStart);
        return new WorkerCli(WorkerCli.arguments(db, TestServices.REDIS, namespace, proxy.baseUrl(),
                properties.toArray(String[]::new)));
    }

    // ------------------------------------------------------------------ the diff-checker's side, as it writes it

    private long diffRun(Slot slot) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO diff_run (status, started_at, slot, generation, seed, cities_requested, cells_per_city, "
                    + "threshold, target) VALUES ('COMPLETE', NOW(3), '" + slot.id() + "', 'g1', 20261123, 39, 10, 0.8, 0.9)");
            try (ResultSet rs = s.executeQuery("SELECT MAX(run_id) FROM diff_run")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void requestRecrawl(long diffRun, List<String> stores) throws Exception {
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO store_recrawl_request (requested_at, diff_run_id, store_id, reason, status) VALUES (?, ?, ?, ?, 'PENDING')")) {
            for (String storeId : stores) {
                insert.setTimestamp(1, Timestamp.from(RECRAWLED_AT.minusSeconds(60)));
                insert.setLong(2, diffRun);
                insert.setString(3, storeId);
                insert.setString(4, "product overlap 0.42 < 0.80");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    // ------------------------------------------------------------------ reading the results

    private List<String> strings(String sql) throws Exception {
        List<String> all = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        return all;
    }

    private Map<String, Map<String, Object>> requestsByStore() throws Exception {
        Map<String, Map<String, Object>> byStore = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT * FROM store_recrawl_request ORDER BY id")) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                byStore.put(rs.getString("store_id"), row);
            }
        }
        return byStore;
    }

    private SnapshotEntry categories(String storeId) {
        return store.read(GENERATION, new SnapshotKey.StoreCategories(storeId)).orElseThrow();
    }

    /** The store's keys in the generation, as paths ({@code store:<id>:...}). */
    private Set<String> storePaths(String storeId) {
        Set<String> paths = new TreeSet<>();
        String prefix = namespace + ":s:" + GENERATION + ":";
        redis.scan(store.entryPattern(GENERATION), 1000, keys -> keys.stream().map(k -> k.substring(prefix.length()))
                .filter(p -> p.startsWith("store:" + storeId + ":")).forEach(paths::add));
        return paths;
    }

    /** The category-tree requests the proxy passes on, by store id. */
    private ConcurrentLinkedQueue<String> watchCategoryRequests() {
        ConcurrentLinkedQueue<String> stores = new ConcurrentLinkedQueue<>();
        proxy.failWhere(path -> {
            // failWhere is the proxy's hook on every path: this one only watches, it fails nothing
            if (path.contains("/categories?")) {
                stores.add(path.substring("/v1/pages/store/".length(), path.indexOf("/categories?")));
            }
            return false;
        });
        return stores;
    }

    private static String liveCategories(String storeId, Instant at) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/pages/store/" + storeId
                    + "/categories?at=" + at)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void requestedStoresAreCrawledAgainIntoTheServedGenerationAndTheRequestsEndDone() throws Exception {
        // given three stores a day diff asked for, one a night diff asked for, and one a dead run was holding
        List<String> requested = openStores.subList(0, 3);
        String nightOnly = openStores.get(3);
        String abandoned = openStores.get(4);
        String untouched = openStores.get(5);
        requestRecrawl(diffRun(Slot.DAY), requested);
        requestRecrawl(diffRun(Slot.NIGHT), List.of(nightOnly));
        requestRecrawl(diffRun(Slot.DAY), List.of(abandoned));
        try (Connection c = db.connect(); Statement s = c.createStatement();
             PreparedStatement held = c.prepareStatement("UPDATE store_recrawl_request SET status = 'IN_PROGRESS', "
                     + "claimed_by = 'gone:1:00', attempts = 1, picked_up_at = ?, heartbeat_at = ? WHERE store_id = ?")) {
            Timestamp tenMinutesAgo = Timestamp.from(RECRAWLED_AT.minusSeconds(600));
            held.setTimestamp(1, tenMinutesAgo);
            held.setTimestamp(2, tenMinutesAgo);
            held.setString(3, abandoned);
            held.executeUpdate();
            // and a product page the generation holds for the first store that its tree no longer has
            s.executeUpdate("UPDATE worker_store SET leaf_pages = CONCAT(COALESCE(leaf_pages, ''), ',zz-gone:1') "
                    + "WHERE generation = 'g1' AND store_id = '" + requested.getFirst() + "'");
        }
        SnapshotKey gone = new SnapshotKey.StoreProducts(requested.getFirst(), "zz-gone", 1);
        redis.await(redis.set(store.entryKey(GENERATION, gone), store.readRaw(GENERATION, new SnapshotKey.StoreCategories(requested.getFirst())).orElseThrow()));
        Map<String, Instant> crawledBefore = new HashMap<>();
        for (String storeId : openStores.subList(0, 6)) {
            crawledBefore.put(storeId, categories(storeId).metadata().crawledAt());
        }
        ConcurrentLinkedQueue<String> crawled = watchCategoryRequests();

        // when the day slot's requests are re-crawled
        WorkerCli.Result result = cli().run("recrawl-stores", "--slot", "day");
        Instant at = GenerationRun.moment(DATE, LocalTime.NOON, ZONE);

        // then it succeeded and says so
        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("into generation g1 (day slot)", "4 request(s): 4 done, 0 failed",
                "1 request(s) held by a run that stopped beating are pending again", "busiest second");
        // and each requested store (the abandoned one too) was crawled once; nothing else was asked for
        List<String> expected = new ArrayList<>(requested);
        expected.add(abandoned);
        assertThat(crawled).containsExactlyInAnyOrderElementsOf(expected);
        // and its entries were rewritten in g1: a newer crawl time, the live tree as of the slot's moment today
        for (String storeId : expected) {
            SnapshotEntry tree = categories(storeId);
            assertThat(tree.metadata().crawledAt()).as(storeId).isAfter(crawledBefore.get(storeId));
            assertThat(tree.metadata().generation()).isEqualTo(GENERATION);
            assertThat(new String(tree.decompress(), StandardCharsets.UTF_8)).as(storeId).isEqualTo(liveCategories(storeId, at));
        }
        // and stores nobody asked for (or asked for the night slot) kept their entries
        assertThat(categories(untouched).metadata().crawledAt()).isEqualTo(crawledBefore.get(untouched));
        assertThat(categories(nightOnly).metadata().crawledAt()).isEqualTo(crawledBefore.get(nightOnly));
        // and the product page the store no longer has is gone; the store's pages are exactly what it has now
        assertThat(redis.await(redis.get(store.entryKey(GENERATION, gone)))).isNull();
        String leafPages = strings("SELECT leaf_pages FROM worker_store WHERE generation = 'g1' AND store_id = '"
                + requested.getFirst() + "'").getFirst();
        assertThat(leafPages).doesNotContain("zz-gone");
        Set<String> paths = new TreeSet<>();
        paths.add("store:" + requested.getFirst() + ":categories");
        for (String leaf : leafPages.split(",")) {
            String[] parts = leaf.split(":");
            for (int page = 1; page <= Integer.parseInt(parts[1]); page++) {
                paths.add("store:" + requested.getFirst() + ":products:" + parts[0] + ":" + page);
            }
        }
        assertThat(storePaths(requested.getFirst())).isEqualTo(paths);
        // and the rows say what happened: DONE into g1 with the pages written; the night request waits for its slot
        Map<String, Map<String, Object>> rows = requestsByStore();
        for (String storeId : expected) {
            Map<String, Object> row = rows.get(storeId);
            assertThat(row.get("status")).as(storeId).isEqualTo("DONE");
            assertThat(row.get("generation")).isEqualTo(GENERATION);
            assertThat(row.get("picked_up_at")).isNotNull();
            assertThat(row.get("finished_at")).isNotNull();
            assertThat(((Number) row.get("pages")).intValue()).isEqualTo(storePaths(storeId).size());
            assertThat((String) row.get("result")).contains("pages written");
            assertThat(row.get("attempts")).isEqualTo(storeId.equals(abandoned) ? 2 : 1);
        }
        assertThat((String) rows.get(requested.getFirst()).get("result")).contains("1 obsolete product page(s) removed");
        assertThat(rows.get(nightOnly)).containsEntry("status", "PENDING").containsEntry("attempts", 0);
        // and the generation still serves, unchanged in which it is
        assertThat(store.current(Slot.DAY)).contains(GENERATION);
    }

    @Test
    void twoRunsAtOnceNeverTakeTheSameRequest() throws Exception {
        // given eight requested stores
        List<String> requested = openStores.subList(0, 8);
        requestRecrawl(diffRun(Slot.DAY), requested);
        ConcurrentLinkedQueue<String> crawled = watchCategoryRequests();

        // when two runs start at the same moment, taking up to three each. In production they are two
        // processes; here two Spring applications in one JVM, which would race over Boot's JVM-wide
        // logging system ("Unable to find Spring Environment in logger context"): leave logging as it is.
        String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<WorkerCli.Result>> runs = new ArrayList<>();
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    go.await();
                    return cli().run("recrawl-stores", "--limit", "3");
                }));
            }
            go.countDown();
            for (Future<WorkerCli.Result> run : runs) {
                WorkerCli.Result result = run.get();
                assertThat(result.exit()).as(result.out() + result.err()).isZero();
                assertThat(result.out()).contains("3 request(s): 3 done, 0 failed");
            }
        } finally {
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }

        // then each took three different requests, two are left pending, and no store was crawled twice
        Map<String, Map<String, Object>> rows = requestsByStore();
        Map<Object, Integer> perRun = new HashMap<>();
        rows.values().stream().filter(r -> "DONE".equals(r.get("status"))).forEach(r -> {
            perRun.merge(r.get("claimed_by"), 1, Integer::sum);
            assertThat(r.get("attempts")).isEqualTo(1);
        });
        assertThat(perRun).hasSize(2).allSatisfy((run, n) -> assertThat(n).as("%s", run).isEqualTo(3));
        assertThat(rows.values()).filteredOn(r -> "PENDING".equals(r.get("status"))).hasSize(2);
        assertThat(crawled).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void aStoreThatCannotBeCrawledIsRecordedFailedAndKeepsItsEntries() throws Exception {
        // given two requested stores, one of which the upstream fails for every time
        String good = openStores.get(0);
        String bad = openStores.get(1);
        requestRecrawl(diffRun(Slot.DAY), List.of(good, bad));
        byte[] badTreeBefore = store.readRaw(GENERATION, new SnapshotKey.StoreCategories(bad)).orElseThrow();
        Set<String> badPathsBefore = storePaths(bad);
        proxy.failWhere(path -> path.startsWith("/v1/pages/store/" + bad + "/"));

        // when
        WorkerCli.Result result = cli("--hexsnap.worker.upstream.max-attempts=2").run("recrawl-stores");

        // then the run says a store failed (exit 1), the failed one is FAILED with its error, the other DONE
        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("2 request(s): 1 done, 1 failed", "1 store(s) failed and keep their stored pages");
        Map<String, Map<String, Object>> rows = requestsByStore();
        assertThat(rows.get(bad)).containsEntry("status", "FAILED").containsEntry("pages", 0);
        assertThat((String) rows.get(bad).get("result")).contains("categories: HTTP 503", "2 attempts", "nothing written");
        assertThat(rows.get(bad).get("finished_at")).isNotNull();
        assertThat(rows.get(good)).containsEntry("status", "DONE");
        // and the failed store's entries are exactly as they were
        assertThat(store.readRaw(GENERATION, new SnapshotKey.StoreCategories(bad)).orElseThrow()).isEqualTo(badTreeBefore);
        assertThat(storePaths(bad)).isEqualTo(badPathsBefore);
    }

    @Test
    void aRunStoppedByAnUpstreamOutageHandsItsRequestsBackAndTheNextRunFinishesThem() throws Exception {
        // given two requested stores and the upstream down, with a breaker that gives up after a second
        List<String> requested = openStores.subList(0, 2);
        requestRecrawl(diffRun(Slot.DAY), requested);
        Map<String, byte[]> before = new HashMap<>();
        for (String storeId : requested) {
            before.put(storeId, store.readRaw(GENERATION, new SnapshotKey.StoreCategories(storeId)).orElseThrow());
        }
        upstream.faults().set(FaultTarget.ALL, FaultSettings.fullOutage());
        WorkerCli cli = cli("--hexsnap.worker.upstream.max-attempts=20", "--hexsnap.worker.upstream.breaker.min-calls=5",
                "--hexsnap.worker.upstream.breaker.pause=200ms", "--hexsnap.worker.upstream.breaker.max-pause=1s");

        // when a run is stopped by the outage
        WorkerCli.Result stopped = cli.run("recrawl-stores");

        // then it failed cleanly: its requests are pending again (tried once), the entries untouched, the job FAILED
        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.out()).contains("the re-crawl stopped (FAILED)", "run ./hexsnap worker recrawl-stores again",
                "2 request(s): 0 done, 0 failed, 2 not finished (pending again)");
        assertThat(requestsByStore().values()).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("PENDING");
            assertThat(r.get("heartbeat_at")).isNull();
            assertThat(r.get("attempts")).isEqualTo(1);
        });
        for (String storeId : requested) {
            assertThat(store.readRaw(GENERATION, new SnapshotKey.StoreCategories(storeId)).orElseThrow()).isEqualTo(before.get(storeId));
        }
        assertThat(strings("SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "WHERE i.JOB_NAME = 'recrawlStoresJob'")).containsExactly("FAILED");

        // when the upstream is back and the command runs again
        upstream.faults().reset();
        WorkerCli.Result finished = cli.run("recrawl-stores");

        // then both are DONE on their second attempt, rewritten
        assertThat(finished.exit()).as(finished.out()).isZero();
        assertThat(requestsByStore().values()).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("DONE");
            assertThat(r.get("attempts")).isEqualTo(2);
        });
        for (String storeId : requested) {
            assertThat(categories(storeId).metadata().crawledAt()).isAfter(SnapshotEntryCodec.decode(before.get(storeId)).metadata().crawledAt());
        }
        assertThat(cli.run("recrawl-stores").out()).contains("no pending store re-crawl request for the day slot");
    }
}
