package dev.hexsnap.api;

import dev.hexsnap.client.FallbackClient;
import dev.hexsnap.client.FallbackResult;
import dev.hexsnap.client.LocalCopy;
import dev.hexsnap.client.Outcome;
import dev.hexsnap.client.PageRequest;
import dev.hexsnap.client.UpstreamAnswer;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client library's decisions against the real API: when it falls back, what it makes of
 * 200, 304, 404, 409, and of an API that is not there.
 */
@SpringBootTest(classes = FallbackApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientIntegrationTests {

    static final String NS = TestNamespaces.fresh();
    static final String TOKEN = "client-ops-token-" + java.util.UUID.randomUUID();
    static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);

    static SnapshotFixture fixture;
    static byte[] storedHome;
    static byte[] storedProducts;

    @LocalServerPort
    int port;
    FallbackClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hexsnap.redis.nodes", () -> TestServices.REDIS);
        registry.add("hexsnap.redis.namespace", () -> NS);
        registry.add("hexsnap.api.ops-token", () -> TOKEN);
        registry.add("hexsnap.api.day-starts", () -> "00:00");
        registry.add("hexsnap.api.night-starts", () -> "23:59:59.999");
    }

    @BeforeAll
    static void generation() {
        fixture = new SnapshotFixture(RedisSettings.standalone(TestServices.REDIS, NS));
        SnapshotFixture.Generation g = fixture.generation("g-client", Slot.DAY, "7,8");
        storedHome = SnapshotFixture.locationPage("home", null, SHANGHAI, "client", "s1", "s2");
        g.home(SHANGHAI, 7, SnapshotFixture.now().minus(1, ChronoUnit.HOURS), storedHome);
        g.store(new SnapshotKey.StoreCategories("st-1"), SnapshotFixture.now(), SnapshotFixture.storePage("store-categories", "st-1", "tree"));
        storedProducts = SnapshotFixture.storePage("store-products", "st-1", "products-1");
        g.store(new SnapshotKey.StoreProducts("st-1", "cat-1", 1), SnapshotFixture.now(), storedProducts);
        g.publish();
    }

    @AfterAll
    static void clear() {
        fixture.close();
        TestNamespaces.clear(NS);
    }

    @BeforeEach
    void client() {
        // The API connects to Redis and reads the pointers in the background after it starts: 503 until then.
        Http http = new Http(port);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.get("/v1/snapshots/home?lat=" + SHANGHAI.lat() + "&lng=" + SHANGHAI.lng()).statusCode() == 200);
        // Production defaults (800 ms) are for an outage; a busy shared test machine needs slack.
        client = FallbackClient.builder(URI.create("http://127.0.0.1:" + port)).requestTimeout(Duration.ofSeconds(5)).build();
    }

    static UpstreamAnswer emptyHome() {
        LocationPage empty = new LocationPage("home", null, "generic", "day", SHANGHAI.lat(), SHANGHAI.lng(), true,
                SnapshotFixture.now(), List.of(new LocationPage.Floor("f1", "stores", "Nearby", null, null, List.of(), List.of())));
        return UpstreamAnswer.ok(SnapshotFixture.JSON.writeValueAsBytes(empty));
    }

    /** A hexsnap-v1 products page (the client judges by that contract: it checks the page is the one asked for). */
    static String products(String items) {
        return "{\"kind\":\"store-products\",\"storeId\":\"st-1\",\"categoryId\":\"cat-1\",\"page\":1,\"totalPages\":1,\"products\":[" + items + "]}";
    }

    static UpstreamAnswer json(String json) {
        return UpstreamAnswer.ok(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyHomePageFallsBackToTheSnapshot() {
        Outcome outcome = client.serve(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), ClientIntegrationTests::emptyHome, LocalCopy.NONE);

        assertThat(outcome.source()).isEqualTo(Outcome.Source.SNAPSHOT);
        assertThat(outcome.json()).isEqualTo(storedHome);
        FallbackResult.Snapshot snapshot = (FallbackResult.Snapshot) outcome.fallback();
        assertThat(snapshot.info().generation()).isEqualTo("g-client");
        assertThat(snapshot.info().fallback()).isEqualTo("exact");
        assertThat(snapshot.info().resolution()).isEqualTo(7);
        assertThat(snapshot.info().ageSeconds()).isBetween(3590L, 3700L);
        assertThat(snapshot.info().etag()).isEqualTo(dev.hexsnap.core.snapshot.SnapshotEntryCodec.etagOf(storedHome));
    }

    @Test
    void aGoodOrUnserviceableUpstreamPageIsUsedAsItIs() {
        UpstreamAnswer good = UpstreamAnswer.ok(storedHome);
        UpstreamAnswer unserviceable = json("{\"kind\":\"home\",\"lat\":" + SHANGHAI.lat() + ",\"lng\":" + SHANGHAI.lng() + ",\"serviceable\":false,\"floors\":[]}");

        Outcome withGood = client.serve(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), () -> good, LocalCopy.NONE);
        Outcome withUnserviceable = client.serve(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), () -> unserviceable, LocalCopy.NONE);

        assertThat(withGood.source()).isEqualTo(Outcome.Source.UPSTREAM);
        assertThat(withGood.fallback()).isNull();
        assertThat(withUnserviceable.source()).isEqualTo(Outcome.Source.UPSTREAM);
    }

    @Test
    void aFailingUpstreamFallsBack() {
        Outcome outcome = client.serve(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), () -> {
            throw new IllegalStateException("recommendation service timed out");
        }, LocalCopy.NONE);

        assertThat(outcome.source()).isEqualTo(Outcome.Source.SNAPSHOT);
    }

    @Test
    void storeProductsRetryTheUpstreamOnceBeforeFallingBack() {
        AtomicInteger calls = new AtomicInteger();
        Outcome recovered = client.serve(PageRequest.storeProducts("st-1", "cat-1", 1),
                () -> calls.incrementAndGet() == 1 ? json(products("")) : json(products("{\"skuId\":\"x\"}")),
                LocalCopy.NONE);
        Outcome stillEmpty = client.serve(PageRequest.storeProducts("st-1", "cat-1", 1), () -> json(products("")), LocalCopy.NONE);

        assertThat(recovered.source()).isEqualTo(Outcome.Source.UPSTREAM);
        assertThat(recovered.upstreamAttempts()).isEqualTo(2);
        assertThat(stillEmpty.source()).isEqualTo(Outcome.Source.SNAPSHOT);
        assertThat(stillEmpty.upstreamAttempts()).isEqualTo(2);
        assertThat(stillEmpty.json()).isEqualTo(storedProducts);
    }

    @Test
    void anEmptyCategoryTreeFallsBackWithoutRetry() {
        Outcome outcome = client.serve(PageRequest.storeCategories("st-1"),
                () -> json("{\"kind\":\"store-categories\",\"storeId\":\"st-1\",\"status\":\"open\",\"categories\":[]}"), LocalCopy.NONE);

        assertThat(outcome.source()).isEqualTo(Outcome.Source.SNAPSHOT);
        assertThat(outcome.upstreamAttempts()).isEqualTo(1);
    }

    @Test
    void aMatchingOrYoungLocalCopyIsUsedInsteadOfADownload() {
        String etag = ((FallbackResult.Snapshot) client.fetch(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), LocalCopy.NONE)).info().etag();

        FallbackResult byEtag = client.fetch(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), new LocalCopy(etag, null));
        FallbackResult byAge = client.fetch(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()),
                new LocalCopy("someothertag", SnapshotFixture.now().minus(1, ChronoUnit.DAYS)));
        FallbackResult tooOld = client.fetch(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()),
                new LocalCopy("someothertag", SnapshotFixture.now().minus(10, ChronoUnit.DAYS)));
        Outcome outcome = client.serve(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), ClientIntegrationTests::emptyHome,
                new LocalCopy(etag, SnapshotFixture.now()));

        assertThat(byEtag).isInstanceOf(FallbackResult.UseLocalCopy.class);
        assertThat(byAge).isInstanceOf(FallbackResult.UseLocalCopy.class);
        assertThat(tooOld).isInstanceOf(FallbackResult.Snapshot.class);
        assertThat(outcome.source()).isEqualTo(Outcome.Source.LOCAL_COPY);
    }

    @Test
    void missingAndSwitchedOffPagesAreClearResults() {
        FallbackResult missing = client.fetch(PageRequest.storeCategories("st-404"), LocalCopy.NONE);
        assertThat(missing).isEqualTo(new FallbackResult.NotServed(FallbackResult.Why.NOT_FOUND, 404, "store-not-found",
                ((FallbackResult.NotServed) missing).message()));

        Http http = new Http(port);
        http.send("POST", "/ops/rollout/channel/off", null, "Authorization", "Bearer " + TOKEN);
        try {
            FallbackResult off = client.fetch(PageRequest.channel("fresh", SHANGHAI.lat(), SHANGHAI.lng()).forUser("u-1").inCity("shanghai"),
                    LocalCopy.NONE);
            assertThat(off).isInstanceOf(FallbackResult.NotServed.class);
            assertThat(((FallbackResult.NotServed) off).why()).isEqualTo(FallbackResult.Why.DISABLED);
            assertThat(((FallbackResult.NotServed) off).reason()).isEqualTo("switch-off");
        } finally {
            http.send("POST", "/ops/rollout/channel/on", null, "Authorization", "Bearer " + TOKEN);
        }
    }

    @Test
    void anApiThatIsNotThereIsAnUnavailableResultNotAnException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FallbackClient nowhere = FallbackClient.builder(URI.create("http://127.0.0.1:" + closedPort))
                .requestTimeout(Duration.ofMillis(500)).build();

        long start = System.nanoTime();
        Outcome outcome = nowhere.serve(PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), ClientIntegrationTests::emptyHome, LocalCopy.NONE);

        assertThat(outcome.source()).isEqualTo(Outcome.Source.NOTHING);
        assertThat(((FallbackResult.NotServed) outcome.fallback()).why()).isEqualTo(FallbackResult.Why.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
