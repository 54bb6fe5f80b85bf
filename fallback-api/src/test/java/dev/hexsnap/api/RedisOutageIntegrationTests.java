package dev.hexsnap.api;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.hexsnap.api.Http.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis (a server of the test's own) down at start, up, killed, and back: the API starts
 * anyway, answers 503 fast while Redis is away, and recovers by itself.
 *
 * <p>The bound asserted for a 503 is 200 ms per request, measured by the client on loopback,
 * including 16 requests at once, after one untimed warm-up request: commands are rejected at once while disconnected, and a
 * request in flight when Redis dies times out after {@code hexsnap.api.redis-timeout} (150 ms).
 */
class RedisOutageIntegrationTests {

    static final long BOUND_MILLIS = 200;
    static final LatLng CACHED = new LatLng(31.2304, 121.4737);
    static final LatLng UNCACHED = new LatLng(39.9042, 116.4074);
    static final String NS = "outage";

    static RedisServerProcess redis;
    static ConfigurableApplicationContext api;
    static Http http;

    @BeforeAll
    static void startWithRedisDown() {
        redis = RedisServerProcess.start();
        redis.stop();
        api = new SpringApplicationBuilder(FallbackApiApplication.class).run(
                "--server.port=0", "--hexsnap.redis.nodes=" + redis.hostAndPort(), "--hexsnap.redis.namespace=" + NS,
                "--hexsnap.api.reconnect-interval=250ms", "--hexsnap.api.refresh-interval=250ms",
                "--hexsnap.api.day-starts=00:00", "--hexsnap.api.night-starts=23:59:59.999");
        http = new Http(Integer.parseInt(api.getEnvironment().getProperty("local.server.port")));
        // One untimed request first: the very first one pays for DispatcherServlet's lazy start and class loading.
        http.get(home(UNCACHED));
    }

    @AfterAll
    static void stop() {
        api.close();
        redis.close();
    }

    static String home(LatLng at) {
        return "/v1/snapshots/home?lat=" + at.lat() + "&lng=" + at.lng();
    }

    static void seed() {
        try (SnapshotFixture fixture = new SnapshotFixture(RedisSettings.standalone(redis.hostAndPort(), NS))) {
            SnapshotFixture.Generation g = fixture.generation("g-outage", Slot.DAY, "7,8");
            g.home(CACHED, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, CACHED, "cached", "s1"));
            g.home(UNCACHED, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, UNCACHED, "uncached", "s2"));
            g.publish();
        }
    }

    static long timed503(String path) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.get(path);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(header(response, "Retry-After")).isEqualTo("1");
        assertThat(Http.text(response)).contains("\"error\":\"unavailable\"").contains("\"reason\":\"redis-unavailable\"");
        return millis;
    }

    @Test
    void startsWithoutRedisAnswers503FastAndRecoversWhenRedisComesAndGoes() throws Exception {
        // Down at start: the API is up and answers 503 at once.
        for (int i = 0; i < 10; i++) {
            assertThat(timed503(home(UNCACHED))).isLessThan(BOUND_MILLIS);
        }
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(503);

        // Redis comes: served within seconds, without a restart.
        redis.restart();
        seed();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(home(CACHED)).statusCode() == 200);
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);

        // Redis crashes: 503 within the bound, one by one and 16 at once; the hot cache still answers.
        redis.kill();
        List<Long> sequential = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sequential.add(timed503(home(UNCACHED)));
        }
        List<Long> concurrent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(pool.submit(() -> timed503(home(UNCACHED))));
            }
            for (Future<Long> call : calls) {
                concurrent.add(call.get());
            }
        }
        System.out.printf("503 while Redis is down: sequential max %d ms, 16 concurrent max %d ms%n",
                sequential.stream().mapToLong(Long::longValue).max().orElseThrow(),
                concurrent.stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(sequential).allSatisfy(ms -> assertThat(ms).isLessThan(BOUND_MILLIS));
        assertThat(concurrent).allSatisfy(ms -> assertThat(ms).isLessThan(BOUND_MILLIS));
        HttpResponse<byte[]> cached = http.get(home(CACHED));
        assertThat(cached.statusCode()).isEqualTo(200);
        assertThat(Http.text(cached)).contains("cached");

        // Redis returns (empty, re-seeded by the worker): served again by itself.
        redis.restart();
        seed();
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(home(UNCACHED)).statusCode() == 200);
        System.out.printf("served again %d ms after Redis returned%n", (System.nanoTime() - back) / 1_000_000);
    }
}
