package dev.hexsnap.api;

import dev.hexsnap.client.FallbackClient;
import dev.hexsnap.client.FallbackResult;
import dev.hexsnap.client.LocalCopy;
import dev.hexsnap.client.PageRequest;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.hexsnap.api.Http.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's own cache comes first: a copy younger than {@code client-cache-max-age} gets 304
 * before the API touches Redis, so it holds with nothing published, a cold cell, a corrupt entry
 * and Redis down; only the roll-out switch wins over it (409). Against a Redis of the test's own,
 * which it kills.
 */
class ClientCacheFirstIntegrationTests {

    static final String TOKEN = "cache-first-ops-token-0123456789";
    static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    static final LatLng HANGZHOU = new LatLng(30.2741, 120.1551);
    static final LatLng NOWHERE = new LatLng(45.0, 90.0);
    static final String NS = "cache-first";

    static RedisServerProcess redis;
    static ConfigurableApplicationContext api;
    static Http http;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
        api = new SpringApplicationBuilder(FallbackApiApplication.class).run(
                "--server.port=0", "--hexsnap.redis.nodes=" + redis.hostAndPort(), "--hexsnap.redis.namespace=" + NS,
                "--hexsnap.api.ops-token=" + TOKEN, "--hexsnap.api.hot-cache-size=0",
                "--hexsnap.api.reconnect-interval=250ms", "--hexsnap.api.refresh-interval=200ms",
                "--hexsnap.api.day-starts=00:00", "--hexsnap.api.night-starts=23:59:59.999");
        http = new Http(Integer.parseInt(api.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stop() {
        api.close();
        redis.close();
    }

    static String home(LatLng at) {
        return "/v1/snapshots/home?lat=" + at.lat() + "&lng=" + at.lng();
    }

    static String hoursAgo(int hours) {
        return Long.toString(SnapshotFixture.now().minus(Duration.ofHours(hours)).toEpochMilli());
    }

    static HttpResponse<byte[]> withCopy(LatLng at, String cachedAt) {
        return http.get(home(at), "X-Client-Cache", "present", "X-Client-Cached-At", cachedAt, "Accept-Encoding", "gzip");
    }

    static void assertUseYourCopy(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(header(response, "X-Client-Cache-Action")).isEqualTo("use-local");
        assertThat(header(response, "X-Client-Cache-Reason")).isEqualTo("fresh-copy");
    }

    @Test
    void aYoungCopyHoldsWhateverTheStoreIsDoingButTheSwitchStillWins() {
        // Nothing published yet: without a copy 404, with a young one 304; an old one is not enough.
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get(home(SHANGHAI)).statusCode() == 404);
        assertThat(Http.text(http.get(home(SHANGHAI)))).contains("no-generation");
        assertUseYourCopy(withCopy(SHANGHAI, hoursAgo(1)));
        assertThat(withCopy(SHANGHAI, hoursAgo(24 * 3 + 1)).statusCode()).isEqualTo(404);

        // A generation with one good and one corrupt entry: a cold cell and the corrupt one are 404
        // without a copy, 304 with a young one.
        String generation;
        try (SnapshotFixture fixture = new SnapshotFixture(RedisSettings.standalone(redis.hostAndPort(), NS))) {
            SnapshotFixture.Generation g = fixture.generation("g-first", Slot.DAY, "7,8");
            g.home(SHANGHAI, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, SHANGHAI, "first", "s1"));
            long cell = g.home(HANGZHOU, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, HANGZHOU, "hz", "h1"));
            generation = g.publish();
            byte[] frame = fixture.store().readRaw("g-first", new SnapshotKey.Home(7, cell)).orElseThrow();
            frame[frame.length - 20] ^= 0x5A;
            fixture.redis().await(fixture.redis().set(fixture.store().entryKey("g-first", new SnapshotKey.Home(7, cell)), frame));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get(home(SHANGHAI)).statusCode() == 200);
        assertThat(http.get(home(NOWHERE)).statusCode()).isEqualTo(404);
        assertThat(http.get(home(HANGZHOU)).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> cold = withCopy(NOWHERE, hoursAgo(2));
        assertUseYourCopy(cold);
        assertThat(header(cold, "X-Snapshot-Generation")).isEqualTo(generation);
        assertUseYourCopy(withCopy(HANGZHOU, hoursAgo(2)));

        // Switched off: 409 even for a young copy, the operator's word wins.
        assertThat(http.send("POST", "/ops/rollout/home/off", null, "Authorization", "Bearer " + TOKEN).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> withCopy(SHANGHAI, hoursAgo(1)).statusCode() == 409);
        assertThat(header(withCopy(SHANGHAI, hoursAgo(1)), "X-Fallback-Disabled")).isEqualTo("switch-off");
        http.send("POST", "/ops/rollout/home/on", null, "Authorization", "Bearer " + TOKEN);
        await().atMost(Duration.ofSeconds(5)).until(() -> withCopy(SHANGHAI, hoursAgo(1)).statusCode() == 304);

        // Redis gone (no hot cache in this test): 503 without a copy, 304 with a young one, and
        // the client library shows its copy either way.
        redis.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get(home(SHANGHAI)).statusCode() == 503);
        assertUseYourCopy(withCopy(SHANGHAI, hoursAgo(1)));
        assertUseYourCopy(withCopy(NOWHERE, hoursAgo(1)));
        assertThat(withCopy(SHANGHAI, hoursAgo(24 * 4)).statusCode()).isEqualTo(503);

        FallbackClient client = FallbackClient.builder(URI.create(http.base())).requestTimeout(Duration.ofSeconds(5)).build();
        FallbackResult young = client.fetch(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()),
                new LocalCopy("etag-of-yesterday", SnapshotFixture.now().minus(Duration.ofHours(20))));
        assertThat(young).isInstanceOfSatisfying(FallbackResult.UseLocalCopy.class, use -> {
            assertThat(use.reason()).isEqualTo("fresh-copy");
            assertThat(use.apiProblem()).isNull();
        });
        FallbackResult none = client.fetch(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), LocalCopy.NONE);
        assertThat(none).isInstanceOfSatisfying(FallbackResult.NotServed.class,
                notServed -> assertThat(notServed.reason()).isEqualTo("redis-unavailable"));
    }
}
