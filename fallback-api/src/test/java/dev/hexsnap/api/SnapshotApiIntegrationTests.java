package dev.hexsnap.api;

import dev.hexsnap.api.source.BodyFiles;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.hexsnap.api.Http.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API end to end against the machine's Redis: one generation written exactly as the worker
 * writes it, then every kind of lookup, fallback and negotiation branch over real HTTP.
 */
@SpringBootTest(classes = FallbackApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SnapshotApiIntegrationTests {

    static final String NS = TestNamespaces.fresh();
    static final HexGrid GRID = HexGrid.shared();
    static final Instant CRAWLED = SnapshotFixture.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    // Far apart, so that no lookup's rings reach another test's cells.
    static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    static final LatLng BEIJING = new LatLng(39.9042, 116.4074);
    static final LatLng GUANGZHOU = new LatLng(23.1291, 113.2644);
    static final LatLng CHENGDU = new LatLng(30.5728, 104.0668);
    static final LatLng WUHAN = new LatLng(30.5928, 114.3055);
    static final LatLng NOWHERE = new LatLng(45.0, 90.0);

    static SnapshotFixture fixture;
    static byte[] shanghaiHome;
    static long beijingNeighbour;

    @LocalServerPort
    int port;
    @Autowired
    BodyFiles bodyFiles;
    Http http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hexsnap.redis.nodes", () -> TestServices.REDIS);
        registry.add("hexsnap.redis.namespace", () -> NS);
        registry.add("hexsnap.api.refresh-interval", () -> "200ms");
        // Day all day long, so that the slot never depends on when the test runs.
        registry.add("hexsnap.api.day-starts", () -> "00:00");
        registry.add("hexsnap.api.night-starts", () -> "23:59:59.999");
    }

    @BeforeAll
    static void writeGeneration() {
        fixture = new SnapshotFixture(RedisSettings.standalone(TestServices.REDIS, NS));
        SnapshotFixture.Generation g = fixture.generation("g-main", Slot.DAY, "6,7,8");
        shanghaiHome = SnapshotFixture.locationPage("home", null, SHANGHAI, "shanghai", "s1", "s2", "s3");
        g.home(SHANGHAI, 7, CRAWLED, shanghaiHome);
        long cell = GRID.cellOf(SHANGHAI, 7);
        g.put(new SnapshotKey.ChannelPage(Channel.FRESH, 7, cell), CRAWLED, cell, SHANGHAI,
                SnapshotFixture.locationPage("channel", "fresh", SHANGHAI, "fresh-shanghai", "s4"));
        // Beijing: only a neighbour two rings away from the asked cell is hot.
        long asked = GRID.cellOf(BEIJING, 7);
        beijingNeighbour = GRID.rings(asked, 2).get(2).getFirst();
        LatLng hotspot = GRID.center(beijingNeighbour);
        g.put(new SnapshotKey.Home(7, beijingNeighbour), CRAWLED, beijingNeighbour, hotspot,
                SnapshotFixture.locationPage("home", null, hotspot, "beijing", "b1"));
        // Guangzhou: only resolution 6 (coarser); Chengdu: only resolution 8 (finer).
        g.home(GUANGZHOU, 6, CRAWLED, SnapshotFixture.locationPage("home", null, GUANGZHOU, "guangzhou-6", "g1"));
        g.home(CHENGDU, 8, CRAWLED, SnapshotFixture.locationPage("home", null, CHENGDU, "chengdu-8", "c1"));
        // A store with its tree and two product pages.
        g.store(new SnapshotKey.StoreCategories("st-1"), CRAWLED, SnapshotFixture.storePage("store-categories", "st-1", "tree"));
        g.store(new SnapshotKey.StoreProducts("st-1", "cat-1", 1), CRAWLED, SnapshotFixture.storePage("store-products", "st-1", "p1"));
        g.store(new SnapshotKey.StoreProducts("st-1", "cat-1", 2), CRAWLED, SnapshotFixture.storePage("store-products", "st-1", "p2"));
        g.publish();
    }

    @AfterAll
    static void clear() {
        fixture.close();
        TestNamespaces.clear(NS);
    }

    @BeforeEach
    void client() {
        http = new Http(port);
        // The API connects to Redis and reads the pointers in the background after it starts: 503 until then.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.get(home(SHANGHAI)).statusCode() == 200);
    }

    static String home(LatLng at) {
        return "/v1/snapshots/home?lat=" + at.lat() + "&lng=" + at.lng();
    }

    @Test
    void theExactCellIsServedWithEveryDescriptiveHeader() {
        HttpResponse<byte[]> response = http.get(home(SHANGHAI));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(shanghaiHome);
        String cell = Long.toHexString(GRID.cellOf(SHANGHAI, 7));
        assertThat(header(response, "X-Snapshot-Cell")).isEqualTo(cell);
        assertThat(header(response, "X-Snapshot-Requested-Cell")).isEqualTo(cell);
        assertThat(header(response, "X-Snapshot-Resolution")).isEqualTo("7");
        assertThat(header(response, "X-Snapshot-Generation")).isEqualTo("g-main");
        assertThat(header(response, "X-Snapshot-Slot")).isEqualTo("day");
        assertThat(header(response, "X-Snapshot-Fallback")).isEqualTo("exact");
        assertThat(Long.parseLong(header(response, "X-Snapshot-Age"))).isBetween(7190L, 7300L);
        assertThat(header(response, "Age")).isEqualTo(header(response, "X-Snapshot-Age"));
        assertThat(header(response, "Cache-Status")).isEqualTo("hexsnap; hit; key=\"home:7:" + cell + "\"; detail=exact");
        assertThat(header(response, "ETag")).isEqualTo('"' + dev.hexsnap.core.snapshot.SnapshotEntryCodec.etagOf(shanghaiHome) + '"');
        assertThat(header(response, "Last-Modified")).isNotBlank();
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        assertThat(header(response, "Content-Encoding")).isNull();
        assertThat(header(response, "X-Client-Cache-Action")).isEqualTo("store");
    }

    @Test
    void aClientAcceptingGzipGetsTheStoredBytesUntouched() {
        HttpResponse<byte[]> response = http.get(home(SHANGHAI), "Accept-Encoding", "br, gzip;q=0.8");

        SnapshotEntry stored = fixture.store().read("g-main", new SnapshotKey.Home(7, GRID.cellOf(SHANGHAI, 7))).orElseThrow();
        ByteArrayOutputStream storedGzip = new ByteArrayOutputStream();
        try {
            stored.writeGzipTo(storedGzip);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(response, "Vary")).contains("Accept-Encoding");
        assertThat(response.body()).isEqualTo(storedGzip.toByteArray());
        assertThat(GzipCodec.decompress(response.body())).isEqualTo(shanghaiHome);
    }

    @Test
    void hotGzipBodiesAreSentFromTheirFilesAndHeadStillSendsNone() throws Exception {
        SnapshotEntry stored = fixture.store().read("g-main", new SnapshotKey.Home(7, GRID.cellOf(SHANGHAI, 7))).orElseThrow();
        ByteArrayOutputStream storedGzip = new ByteArrayOutputStream();
        stored.writeGzipTo(storedGzip);

        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = http.get(home(SHANGHAI), "Accept-Encoding", "gzip");
            assertThat(response.body()).isEqualTo(storedGzip.toByteArray());
            HttpResponse<byte[]> head = http.send("HEAD", home(SHANGHAI), null, "Accept-Encoding", "gzip");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(storedGzip.size()));
        }

        // The bytes went out from a body file (sendfile) holding exactly the stored gzip body.
        List<byte[]> files;
        try (var list = Files.list(bodyFiles.directory())) {
            files = list.map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
        assertThat(files).anySatisfy(bytes -> assertThat(bytes).isEqualTo(storedGzip.toByteArray()));
    }

    @Test
    void gzipRefusedWithQualityZeroGetsPlainJson() {
        HttpResponse<byte[]> response = http.get(home(SHANGHAI), "Accept-Encoding", "gzip;q=0, identity");

        assertThat(header(response, "Content-Encoding")).isNull();
        assertThat(response.body()).isEqualTo(shanghaiHome);
    }

    @Test
    void aColdCellIsServedFromTheNearestHotNeighbour() {
        HttpResponse<byte[]> response = http.get(home(BEIJING));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Snapshot-Fallback")).isEqualTo("neighbour");
        assertThat(header(response, "X-Snapshot-Cell")).isEqualTo(Long.toHexString(beijingNeighbour));
        assertThat(header(response, "X-Snapshot-Requested-Cell")).isEqualTo(Long.toHexString(GRID.cellOf(BEIJING, 7)));
        assertThat(header(response, "Cache-Status")).endsWith("detail=neighbour");
        assertThat(Http.text(response)).contains("beijing");
    }

    @Test
    void withoutHotNeighboursACoarserResolutionAnswers() {
        HttpResponse<byte[]> response = http.get(home(GUANGZHOU));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Snapshot-Fallback")).isEqualTo("coarser");
        assertThat(header(response, "X-Snapshot-Resolution")).isEqualTo("6");
        assertThat(header(response, "X-Snapshot-Cell")).isEqualTo(Long.toHexString(GRID.cellOf(GUANGZHOU, 6)));
    }

    @Test
    void aFinerResolutionOfTheGenerationAnswersWhenNothingCoarserDoes() {
        HttpResponse<byte[]> response = http.get(home(CHENGDU));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Snapshot-Fallback")).isEqualTo("finer");
        assertThat(header(response, "X-Snapshot-Resolution")).isEqualTo("8");
    }

    @Test
    void nothingNearbyIsA404WithTheReasonAndTheGeneration() {
        HttpResponse<byte[]> response = http.get(home(NOWHERE));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = json(response);
        assertThat(error.get("reason").asString()).isEqualTo("no-snapshot");
        assertThat(error.get("message").asString()).contains(Long.toHexString(GRID.cellOf(NOWHERE, 7)));
        assertThat(header(response, "X-Snapshot-Generation")).isEqualTo("g-main");
    }

    @Test
    void aChannelPageIsServedForItsChannelOnly() {
        String query = "?lat=" + SHANGHAI.lat() + "&lng=" + SHANGHAI.lng();

        HttpResponse<byte[]> fresh = http.get("/v1/snapshots/channel/fresh" + query);
        HttpResponse<byte[]> flowers = http.get("/v1/snapshots/channel/flowers" + query);

        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(Http.text(fresh)).contains("fresh-shanghai");
        assertThat(flowers.statusCode()).isEqualTo(404);
    }

    @Test
    void storePagesAreServedAndMissingOnesSayWhatIsMissing() {
        assertThat(http.get("/v1/snapshots/store/st-1/categories").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> page2 = http.get("/v1/snapshots/store/st-1/categories/cat-1/products?page=2");
        assertThat(page2.statusCode()).isEqualTo(200);
        assertThat(Http.text(page2)).contains("\"p2\"");
        assertThat(header(page2, "X-Snapshot-Fallback")).isEqualTo("exact");
        assertThat(header(page2, "X-Snapshot-Cell")).isNull();
        assertThat(Http.text(http.get("/v1/snapshots/store/st-1/categories/cat-1/products"))).contains("\"p1\"");

        HttpResponse<byte[]> unknownStore = http.get("/v1/snapshots/store/st-404/categories");
        HttpResponse<byte[]> unknownCategory = http.get("/v1/snapshots/store/st-1/categories/cat-9/products?page=1");
        assertThat(unknownStore.statusCode()).isEqualTo(404);
        assertThat(json(unknownStore).get("reason").asString()).isEqualTo("store-not-found");
        assertThat(unknownCategory.statusCode()).isEqualTo(404);
        assertThat(json(unknownCategory).get("reason").asString()).isEqualTo("products-not-found");
    }

    // ------------------------------------------------------------ negotiation, over HTTP

    @Test
    void aMatchingEtagGets304WithNoBodyAndUseLocal() {
        String etag = header(http.get(home(SHANGHAI)), "ETag");

        HttpResponse<byte[]> response = http.get(home(SHANGHAI), "If-None-Match", etag);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(header(response, "X-Client-Cache-Action")).isEqualTo("use-local");
        assertThat(header(response, "X-Client-Cache-Reason")).isEqualTo("etag-match");
        assertThat(header(response, "ETag")).isEqualTo(etag);
        assertThat(header(response, "X-Snapshot-Generation")).isEqualTo("g-main");
    }

    @Test
    void aWeakOrListedEtagMatchesToo() {
        String etag = header(http.get(home(SHANGHAI)), "ETag");

        assertThat(http.get(home(SHANGHAI), "If-None-Match", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
        assertThat(http.get(home(SHANGHAI), "If-None-Match", "*").statusCode()).isEqualTo(304);
    }

    @Test
    void aDifferentEtagWithoutCachedAtGetsTheSnapshot() {
        HttpResponse<byte[]> response = http.get(home(SHANGHAI), "If-None-Match", "\"0123abcd\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Client-Cache-Reason")).isEqualTo("etag-mismatch");
        assertThat(response.body()).isEqualTo(shanghaiHome);
    }

    @Test
    void aYoungLocalCopyGets304EvenWithAnotherEtag() {
        String cachedAt = Long.toString(SnapshotFixture.now().minus(1, ChronoUnit.DAYS).toEpochMilli());

        HttpResponse<byte[]> response = http.get(home(SHANGHAI), "X-Client-Cache", "present",
                "X-Client-Cached-At", cachedAt, "If-None-Match", "\"0123abcd\"");

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(header(response, "X-Client-Cache-Reason")).isEqualTo("fresh-copy");
    }

    @Test
    void anRfc3339CachedAtIsUnderstood() {
        String cachedAt = SnapshotFixture.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        assertThat(http.get(home(SHANGHAI), "X-Client-Cached-At", cachedAt).statusCode()).isEqualTo(304);
    }

    @Test
    void anOldLocalCopyGetsTheSnapshotToStore() {
        String cachedAt = Long.toString(SnapshotFixture.now().minus(4, ChronoUnit.DAYS).toEpochMilli());

        HttpResponse<byte[]> response = http.get(home(SHANGHAI), "X-Client-Cache", "present", "X-Client-Cached-At", cachedAt);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Client-Cache-Action")).isEqualTo("store");
        assertThat(header(response, "X-Client-Cache-Reason")).isEqualTo("stale-copy");
        assertThat(response.body()).isEqualTo(shanghaiHome);
    }

    @Test
    void aClientWithoutLocalCopyGetsTheSnapshot() {
        HttpResponse<byte[]> response = http.get(home(SHANGHAI), "X-Client-Cache", "absent");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Client-Cache-Reason")).isEqualTo("no-local-copy");
    }

    @Test
    void presentWithoutCachedAtCannotBeJudgedAndGetsTheSnapshot() {
        assertThat(http.get(home(SHANGHAI), "X-Client-Cache", "present").statusCode()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceAtOrAfterTheCrawlGets304AndBeforeItGets200() {
        String after = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                CRAWLED.plusSeconds(5).atZone(java.time.ZoneOffset.UTC));
        String before = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                CRAWLED.minusSeconds(3600).atZone(java.time.ZoneOffset.UTC));

        assertThat(http.get(home(SHANGHAI), "If-Modified-Since", after).statusCode()).isEqualTo(304);
        assertThat(http.get(home(SHANGHAI), "If-Modified-Since", before).statusCode()).isEqualTo(200);
        assertThat(http.get(home(SHANGHAI), "If-Modified-Since", "not a date").statusCode()).isEqualTo(200);
    }

    @Test
    void storePagesNegotiateLikeLocationPages() {
        String etag = header(http.get("/v1/snapshots/store/st-1/categories"), "ETag");

        assertThat(http.get("/v1/snapshots/store/st-1/categories", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    // ------------------------------------------------------------ operations

    @Test
    void healthReportsRedisAndTheGenerationAge() {
        HttpResponse<byte[]> response = http.get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode snapshots = json(response).get("components").get("snapshots");
        assertThat(snapshots.get("status").asString()).isEqualTo("UP");
        assertThat(snapshots.get("details").get("day").get("generation").asString()).isEqualTo("g-main");
        assertThat(snapshots.get("details").get("day").get("ageSeconds").asLong()).isBetween(0L, 600L);
    }

    @Test
    void prometheusExposesRequestsFallbacksAndCorruptEntries() {
        http.get(home(SHANGHAI));
        http.get(home(BEIJING));
        http.get(home(NOWHERE));

        String metrics = Http.text(http.get("/actuator/prometheus"));

        assertThat(metrics).contains("hexsnap_api_requests_seconds_count{kind=\"home\",outcome=\"hit\"");
        assertThat(metrics).contains("hexsnap_api_requests_seconds_count{kind=\"home\",outcome=\"miss\"");
        assertThat(metrics).contains("hexsnap_api_fallbacks_total{fallback=\"neighbour\",kind=\"home\"");
        assertThat(metrics).contains("hexsnap_api_corrupt_entries_total");
        assertThat(metrics).contains("hexsnap_api_generation_age_seconds{slot=\"day\"");
    }

    @Test
    void theOpenApiDocumentListsTheEndpoints() {
        HttpResponse<byte[]> response = http.get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response).get("paths");
        assertThat(List.of("/v1/snapshots/home", "/v1/snapshots/channel/{channel}", "/v1/snapshots/store/{storeId}/categories",
                "/v1/snapshots/store/{storeId}/categories/{categoryId}/products"))
                .allSatisfy(path -> assertThat(paths.has(path)).as(path).isTrue());
        // The negotiation is documented on every snapshot endpoint: request headers, answers, answer headers.
        for (String path : List.of("/v1/snapshots/home", "/v1/snapshots/store/{storeId}/categories/{categoryId}/products")) {
            JsonNode get = paths.get(path).get("get");
            List<String> headers = new ArrayList<>();
            get.get("parameters").forEach(p -> {
                if (p.get("in").asString().equals("header")) {
                    headers.add(p.get("name").asString());
                }
            });
            assertThat(headers).as(path).contains("X-Client-Cache", "X-Client-Cached-At", "If-None-Match", "X-User-Id");
            assertThat(get.get("responses").propertyNames()).as(path).contains("200", "304", "400", "404", "409", "503");
            assertThat(get.get("responses").get("200").get("headers").propertyNames()).as(path)
                    .contains("ETag", "Age", "Cache-Status", "X-Snapshot-Generation", "X-Client-Cache-Action");
        }
        assertThat(http.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAConfiguredTokenTheOpsEndpointsDoNotExist() {
        HttpResponse<byte[]> response = http.get("/ops/rollout", "Authorization", "Bearer anything-at-all-1234");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("status").asInt()).isEqualTo(404);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        assertThat(header(response, "Content-Type")).containsPattern("^application/(.+\\+)?json");
        return SnapshotFixture.JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    }
}
