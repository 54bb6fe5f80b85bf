package dev.hexsnap.api;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.RedisTestCluster;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster master killed while the API is under load (three masters, one replica
 * each): what the hot cache holds keeps being served, misses get 503 with {@code Retry-After}
 * only around the failover, and every page is served again within seconds of the promotion.
 * Prints the measured times.
 */
class ClusterFailoverIntegrationTests {

    static final String NS = "failover";
    static final String GENERATION = "g-failover";
    static final int STORES = 60;
    static final int HOT = 30;
    static final int KILLED = 0;
    /** How long after the promotion a miss may still get a 503 (Lettuce learning the new topology). */
    static final Duration SERVING_AGAIN_BOUND = Duration.ofSeconds(10);

    static RedisTestCluster cluster;
    static ConfigurableApplicationContext api;
    static Http http;

    record Answer(long nanos, int store, int status, String retryAfter) {
    }

    @BeforeAll
    static void start() {
        cluster = RedisTestCluster.start(3, 1);
        try (SnapshotFixture fixture = new SnapshotFixture(RedisSettings.cluster(cluster.nodes().subList(0, 3), NS))) {
            SnapshotFixture.Generation g = fixture.generation(GENERATION, Slot.DAY, "7,8");
            for (int i = 0; i < STORES; i++) {
                g.store(new SnapshotKey.StoreCategories("st-" + i), SnapshotFixture.now(), SnapshotFixture.storePage("store-categories", "st-" + i, "c" + i));
            }
            g.publish();
        }
        api = new SpringApplicationBuilder(FallbackApiApplication.class).run(
                "--server.port=0", "--hexsnap.redis.cluster=true", "--hexsnap.redis.nodes=" + String.join(",", cluster.nodes()),
                "--hexsnap.redis.namespace=" + NS, "--hexsnap.api.refresh-interval=300ms", "--hexsnap.api.reconnect-interval=250ms",
                "--hexsnap.api.day-starts=00:00", "--hexsnap.api.night-starts=23:59:59.999");
        http = new Http(Integer.parseInt(api.getEnvironment().getProperty("local.server.port")));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get(path(0)).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        api.close();
        cluster.close();
    }

    static String path(int store) {
        return "/v1/snapshots/store/st-" + store + "/categories";
    }

    /** Whether the entry of store {@code i} lives in the killed master's slots. */
    static boolean onKilledMaster(SnapshotStoreKeys keys, int i) {
        int slot = SlotHash.getSlot(keys.entryKey(i));
        int[] range = cluster.slotsOf(KILLED);
        return slot >= range[0] && slot <= range[1];
    }

    /** The Redis key of a store's entry, as the worker writes it. */
    record SnapshotStoreKeys(dev.hexsnap.core.snapshot.SnapshotStore store) {
        String entryKey(int i) {
            return store.entryKey(GENERATION, new SnapshotKey.StoreCategories("st-" + i));
        }
    }

    @Test
    void aKilledMastersReplicaTakesOverAndTheApiServesAgainWithinSeconds() throws Exception {
        SnapshotStoreKeys keys;
        List<Integer> coldOnKilled = new ArrayList<>();
        try (SnapshotFixture fixture = new SnapshotFixture(RedisSettings.cluster(cluster.nodes().subList(0, 3), NS))) {
            keys = new SnapshotStoreKeys(fixture.store());
            for (int i = HOT; i < STORES; i++) {
                if (onKilledMaster(keys, i)) {
                    coldOnKilled.add(i);
                }
            }
        }
        assertThat(coldOnKilled).as("cold entries on the master to be killed").isNotEmpty();
        // Hot: read once, now in the API's hot cache.
        for (int i = 0; i < HOT; i++) {
            assertThat(http.get(path(i)).statusCode()).isEqualTo(200);
        }

        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        // Only the hot pages until the kill: a cold page read before it would be cached too.
        AtomicInteger pages = new AtomicInteger(HOT);
        AtomicInteger next = new AtomicInteger();
        long killedAt;
        Duration failover;
        try (ExecutorService load = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                load.submit(() -> {
                    while (running.get()) {
                        int store = Math.floorMod(next.getAndIncrement(), pages.get());
                        HttpResponse<byte[]> r = http.get(path(store));
                        answers.add(new Answer(System.nanoTime(), store, r.statusCode(), Http.header(r, "Retry-After")));
                    }
                    return null;
                });
            }
            Thread.sleep(2000);
            killedAt = System.nanoTime();
            cluster.killMaster(KILLED);
            pages.set(STORES);
            failover = cluster.awaitFailover(KILLED, Duration.ofSeconds(30));
            long promotedAt = killedAt + failover.toNanos();
            // Keep the load on until every cold page of the killed master was served for 2 s in a row, or the bound.
            long deadline = promotedAt + SERVING_AGAIN_BOUND.toNanos() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline && !servedSince(answers, coldOnKilled, System.nanoTime() - 2_000_000_000L)) {
                Thread.sleep(100);
            }
            running.set(false);
        }

        long promotedAt = killedAt + failover.toNanos();
        List<Answer> all = List.copyOf(answers);
        long last503 = all.stream().filter(a -> a.status() == 503).mapToLong(Answer::nanos).max().orElse(killedAt);
        long count503 = all.stream().filter(a -> a.status() == 503).count();
        long firstColdServed = all.stream()
                .filter(a -> a.nanos() > killedAt && a.status() == 200 && coldOnKilled.contains(a.store()))
                .mapToLong(Answer::nanos).min().orElse(Long.MAX_VALUE);
        System.out.printf("cluster failover under load: %d answers, %d x 503 (all hot pages 200); replica promoted %d ms after the kill; "
                        + "last 503 %d ms after the kill (%+d ms from the promotion); the killed master's cold pages served again "
                        + "%d ms after the kill%n",
                all.size(), count503, failover.toMillis(), (last503 - killedAt) / 1_000_000, (last503 - promotedAt) / 1_000_000,
                firstColdServed == Long.MAX_VALUE ? -1 : (firstColdServed - killedAt) / 1_000_000);

        assertThat(all).extracting(Answer::status).allSatisfy(status -> assertThat(status).isIn(200, 503));
        assertThat(count503).as("misses on the killed master's slots before the promotion").isPositive();
        assertThat(all).filteredOn(a -> a.store() < HOT).allSatisfy(a -> assertThat(a.status()).as("hot page").isEqualTo(200));
        assertThat(all).filteredOn(a -> a.status() == 503).allSatisfy(a -> {
            assertThat(a.retryAfter()).isEqualTo("1");
            assertThat(a.nanos()).isGreaterThan(killedAt);
        });
        assertThat(last503 - promotedAt).as("503s end within the bound after the promotion").isLessThan(SERVING_AGAIN_BOUND.toNanos());
        for (int store : coldOnKilled) {
            assertThat(all).as("store %d served after the kill", store)
                    .anyMatch(a -> a.store() == store && a.status() == 200 && a.nanos() > killedAt);
        }
        for (int i = 0; i < STORES; i++) {
            assertThat(Http.text(http.get(path(i)))).contains("\"c" + i + "\"");
        }
    }

    /** Whether every one of {@code stores} was asked after {@code since} and every such answer was a 200. */
    static boolean servedSince(List<Answer> answers, List<Integer> stores, long since) {
        List<Answer> after;
        synchronized (answers) {
            after = answers.stream().filter(a -> a.nanos() > since && stores.contains(a.store())).toList();
        }
        return !after.isEmpty() && after.stream().allMatch(a -> a.status() == 200)
                && after.stream().map(Answer::store).distinct().count() == stores.size();
    }
}
