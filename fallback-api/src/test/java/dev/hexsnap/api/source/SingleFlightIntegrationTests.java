package dev.hexsnap.api.source;

import dev.hexsnap.api.SnapshotFixture;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many requests missing the same entry at once make one Redis read, counted by a Redis server of
 * the test's own ({@code INFO commandstats}).
 *
 * <p>So that the requests really overlap, a Lua script keeps the server busy for a second while
 * they start: the first request's GET waits behind it, and every other request arrives while that
 * read is under way. The hot cache is off, so a request that did not join the read would have to
 * make its own: the count of GETs is the proof, and every request getting the very same decoded
 * entry object shows that they shared one answer.
 */
class SingleFlightIntegrationTests {

    static final int REQUESTS = 16;
    static final String NS = "single-flight";
    static final String GENERATION = "g-sf";
    static final LatLng A = new LatLng(31.2304, 121.4737);
    static final LatLng B = new LatLng(39.9042, 116.4074);
    static final String BUSY = """
            local t = redis.call('TIME')
            local start = t[1] * 1000000 + t[2]
            repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] - start > tonumber(ARGV[1])
            return 1
            """;

    static RedisServerProcess redis;
    static RedisClient client;
    static StatefulRedisConnection<String, String> control;
    static SnapshotSource source;

    @BeforeAll
    static void seed() {
        redis = RedisServerProcess.start();
        RedisSettings settings = RedisSettings.standalone(redis.hostAndPort(), NS);
        try (SnapshotFixture fixture = new SnapshotFixture(settings)) {
            SnapshotFixture.Generation g = fixture.generation(GENERATION, Slot.DAY, "7");
            g.home(A, 7, Instant.parse("2026-11-23T02:00:00Z"), SnapshotFixture.locationPage("home", null, A, "a", "s1"));
            g.home(B, 7, Instant.parse("2026-11-23T02:00:00Z"), SnapshotFixture.locationPage("home", null, B, "b", "s2"));
            g.publish();
        }
        client = RedisClient.create("redis://" + redis.hostAndPort());
        control = client.connect();
        source = new SnapshotSource(settings.forServing(Duration.ofSeconds(5)), Duration.ofMinutes(1));
        source.start();
        assertThat(source.isConnected()).isTrue();
    }

    @AfterAll
    static void stop() {
        source.close();
        control.close();
        client.shutdown();
        redis.close();
    }

    @Test
    void concurrentRequestsForOneColdKeyMakeOneRedisRead() throws Exception {
        SnapshotReader reader = new SnapshotReader(source, HotEntryCache.of(DataSize.ofBytes(0)));
        SnapshotKey key = new SnapshotKey.Home(7, HexGrid.shared().cellOf(A, 7));

        List<Optional<SnapshotEntry>> answers = whileRedisIsBusy(() -> reader.read(GENERATION, key));

        assertThat(commandCalls("get")).isEqualTo(1);
        assertThat(answers).hasSize(REQUESTS).allSatisfy(answer -> assertThat(answer).isPresent());
        SnapshotEntry shared = answers.getFirst().orElseThrow();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.orElseThrow()).isSameAs(shared));
        assertThat(reader.readsInFlight()).isZero();
    }

    @Test
    void concurrentNeighbourReadsOfTheSameKeysMakeOneMget() throws Exception {
        SnapshotReader reader = new SnapshotReader(source, HotEntryCache.of(DataSize.ofBytes(0)));
        List<SnapshotKey> ring = List.of(new SnapshotKey.Home(7, HexGrid.shared().cellOf(A, 7)),
                new SnapshotKey.Home(7, HexGrid.shared().cellOf(B, 7)));

        List<List<Optional<SnapshotEntry>>> answers = whileRedisIsBusy(() -> reader.readAll(GENERATION, ring));

        assertThat(commandCalls("mget") + commandCalls("get")).isEqualTo(1);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer).hasSize(2).allSatisfy(entry -> assertThat(entry).isPresent());
            assertThat(answer.get(0).orElseThrow()).isSameAs(answers.getFirst().get(0).orElseThrow());
        });
        assertThat(reader.readsInFlight()).isZero();
    }

    /** Resets Redis's counters, keeps it busy for a second, and runs {@value #REQUESTS} calls at once meanwhile. */
    static <T> List<T> whileRedisIsBusy(Callable<T> call) throws Exception {
        control.sync().configResetstat();
        RedisFuture<Long> busy = control.async().eval(BUSY, ScriptOutputType.INTEGER, new String[0], "1000000");
        Thread.sleep(200); // the script is running: every read from now on queues behind it
        ExecutorService threads = Executors.newFixedThreadPool(REQUESTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            assertThat(busy.get(5, TimeUnit.SECONDS)).isEqualTo(1L);
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Calls of a command since the last reset, from {@code INFO commandstats}. */
    static long commandCalls(String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(control.sync().info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
