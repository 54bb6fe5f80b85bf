package dev.hexsnap.api;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.RequestHeat;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.api.source.HotEntryCache;
import dev.hexsnap.api.warmup.CacheWarmer;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hexsnap.api.Http.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generations changing under a running API: night falling back to day, a publish and a
 * rollback taking effect within seconds (the hot cache never serving the old generation), and
 * a corrupt entry counted and answered as missing. The slots are configured so that it is
 * night now, whatever the time the test runs.
 */
@SpringBootTest(classes = FallbackApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenerationSwitchIntegrationTests {

    static final String NS = TestNamespaces.fresh();
    static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    static final LatLng HANGZHOU = new LatLng(30.2741, 120.1551);
    static final String HOME = "/v1/snapshots/home?lat=31.2304&lng=121.4737";
    /** Pointers are re-read every 200 ms; a switch must show within this bound (generous for a shared 2-core box). */
    static final Duration SWITCH_BOUND = Duration.ofSeconds(3);

    static SnapshotFixture fixture;

    @LocalServerPort
    int port;

    @Autowired
    HotEntryCache cache;

    @Autowired
    CacheWarmer warmer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalTime now = LocalTime.now(SnapshotFixture.CLOCK.withZone(ZoneId.of("Asia/Shanghai")));
        registry.add("hexsnap.redis.nodes", () -> TestServices.REDIS);
        registry.add("hexsnap.redis.namespace", () -> NS);
        registry.add("hexsnap.api.refresh-interval", () -> "200ms");
        registry.add("hexsnap.api.night-starts", () -> now.minusHours(1).toString());
        registry.add("hexsnap.api.day-starts", () -> now.plusHours(1).toString());
    }

    @BeforeAll
    static void dayGenerationOnly() {
        fixture = new SnapshotFixture(RedisSettings.standalone(TestServices.REDIS, NS));
        publishHome("g-day-1", Slot.DAY, "day-one");
    }

    @AfterAll
    static void clear() {
        fixture.close();
        TestNamespaces.clear(NS);
    }

    static void publishHome(String generation, Slot slot, String marker) {
        SnapshotFixture.Generation g = fixture.generation(generation, slot, "7,8");
        g.home(SHANGHAI, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, SHANGHAI, marker, "s1"));
        g.publish();
    }

    @Test
    @Order(1)
    void atNightWithoutANightGenerationTheDayOneIsServedAndSaidSo() {
        HttpResponse<byte[]> response = new Http(port).get(HOME);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Snapshot-Slot")).isEqualTo("day");
        assertThat(header(response, "X-Snapshot-Slot-Fallback")).isEqualTo("night");
        assertThat(Http.text(response)).contains("day-one");
    }

    @Test
    @Order(2)
    void aPublishedNightGenerationIsServedWithinSecondsAndARollbackToo() {
        Http http = new Http(port);
        assertThat(Http.text(http.get(HOME))).contains("day-one");

        publishHome("g-night-1", Slot.NIGHT, "night-one");
        await().atMost(SWITCH_BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> "g-night-1".equals(header(http.get(HOME), "X-Snapshot-Generation")));
        HttpResponse<byte[]> night = http.get(HOME);
        assertThat(header(night, "X-Snapshot-Slot")).isEqualTo("night");
        assertThat(header(night, "X-Snapshot-Slot-Fallback")).isNull();
        assertThat(Http.text(night)).contains("night-one");

        publishHome("g-night-2", Slot.NIGHT, "night-two");
        await().atMost(SWITCH_BOUND).until(() -> Http.text(http.get(HOME)).contains("night-two"));

        fixture.store().rollback(Slot.NIGHT);
        await().atMost(SWITCH_BOUND).until(() -> "g-night-1".equals(header(http.get(HOME), "X-Snapshot-Generation")));
        // The body belongs to the generation the header names: the hot cache kept nothing stale.
        assertThat(Http.text(http.get(HOME))).contains("night-one");
    }

    @Test
    @Order(3)
    void aCorruptEntryIsCountedAndAnsweredAsMissing() {
        Http http = new Http(port);
        SnapshotFixture.Generation g = fixture.generation("g-night-3", Slot.NIGHT, "7,8");
        g.home(SHANGHAI, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, SHANGHAI, "night-three", "s1"));
        long cell = g.home(HANGZHOU, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, HANGZHOU, "hangzhou", "h1"));
        g.publish();
        String key = fixture.store().entryKey("g-night-3", new SnapshotKey.Home(7, cell));
        byte[] frame = fixture.store().readRaw("g-night-3", new SnapshotKey.Home(7, cell)).orElseThrow();
        frame[frame.length - 20] ^= 0x5A;
        fixture.redis().await(fixture.redis().set(key, frame));
        await().atMost(SWITCH_BOUND).until(() -> "g-night-3".equals(header(http.get(HOME), "X-Snapshot-Generation")));
        double before = corruptCount(http);

        HttpResponse<byte[]> response = http.get("/v1/snapshots/home?lat=" + HANGZHOU.lat() + "&lng=" + HANGZHOU.lng(),
                "Accept-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.text(response)).contains("\"reason\":\"no-snapshot\"");
        assertThat(corruptCount(http)).isEqualTo(before + 1);
        assertThat(HexGrid.shared().cellOf(HANGZHOU, 7)).isEqualTo(cell);
    }

    @Test
    @Order(4)
    void afterAPublishTheHottestEntriesAreInTheCacheBeforeTheFirstRequest() {
        Http http = new Http(port);
        SnapshotFixture.Generation g = fixture.generation("g-night-4", Slot.NIGHT, "7,8");
        long shanghai = g.home(SHANGHAI, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, SHANGHAI, "night-four", "s1"));
        long hangzhou = g.home(HANGZHOU, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, HANGZHOU, "hz-four", "h1"));
        // As the worker does: the grid's request counts first, then the switch.
        fixture.store().writeHeat("g-night-4", 7, List.of(new RequestHeat.Cell(shanghai, 900), new RequestHeat.Cell(hangzhou, 100)));
        g.publish();

        await().atMost(SWITCH_BOUND).until(() -> warmer.status().generation() != null
                && warmer.status().generation().equals("g-night-4") && warmer.status().state().equals("warm"));

        // No request has asked for g-night-4 yet: the pages are there because the warm-up put them there.
        assertThat(cache.contains("g-night-4", new SnapshotKey.Home(7, shanghai).path())).isTrue();
        assertThat(cache.contains("g-night-4", new SnapshotKey.Home(7, hangzhou).path())).isTrue();
        assertThat(warmer.status().requestShare()).isEqualTo(1.0);
        String health = Http.text(http.get("/actuator/health/snapshots"));
        assertThat(health).contains("\"warmUp\":{\"state\":\"warm\",\"generation\":\"g-night-4\"");
        HttpResponse<byte[]> response = http.get(HOME, "Accept-Encoding", "gzip");
        assertThat(header(response, "X-Snapshot-Generation")).isEqualTo("g-night-4");
    }

    static double corruptCount(Http http) {
        Matcher m = Pattern.compile("(?m)^hexsnap_api_corrupt_entries_total(\\{[^}]*})? (\\S+)$")
                .matcher(Http.text(http.get("/actuator/prometheus")));
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(2));
    }
}
