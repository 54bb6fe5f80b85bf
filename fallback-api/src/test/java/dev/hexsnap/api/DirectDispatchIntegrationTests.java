package dev.hexsnap.api;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The direct dispatch (a filter in front of Spring MVC) answers exactly as the controllers do.
 *
 * <p>The same request is sent twice to one server: on its plain path, which the filter serves,
 * and with one letter of the path percent-encoded ({@code /v1/snapshot%73/...}), which the filter
 * leaves to Spring MVC (it decodes to the same endpoint). Status, headers (but {@code Date}) and
 * body must match; JSON errors may differ only in their {@code path}, which echoes the URI.
 */
@SpringBootTest(classes = FallbackApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DirectDispatchIntegrationTests {

    static final String NS = TestNamespaces.fresh();
    static final HexGrid GRID = HexGrid.shared();
    static final Instant CRAWLED = SnapshotFixture.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    static final LatLng HANGZHOU = new LatLng(30.2741, 120.1551);
    static final LatLng NEAR_HANGZHOU = GRID.center(GRID.rings(GRID.cellOf(HANGZHOU, 7), 1).get(1).getFirst());
    static final String AT = "?lat=30.2741&lng=120.1551";
    static final String NEAR = "?lat=" + NEAR_HANGZHOU.lat() + "&lng=" + NEAR_HANGZHOU.lng();

    static SnapshotFixture fixture;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hexsnap.redis.nodes", () -> TestServices.REDIS);
        registry.add("hexsnap.redis.namespace", () -> NS);
        registry.add("hexsnap.api.day-starts", () -> "00:00");
        registry.add("hexsnap.api.night-starts", () -> "23:59:59.999");
    }

    @BeforeAll
    static void writeGeneration() {
        fixture = new SnapshotFixture(RedisSettings.standalone(TestServices.REDIS, NS));
        SnapshotFixture.Generation g = fixture.generation("g-direct", Slot.DAY, "7,8");
        g.home(HANGZHOU, 7, CRAWLED, SnapshotFixture.locationPage("home", null, HANGZHOU, "hangzhou", "h1", "h2"));
        long cell = GRID.cellOf(HANGZHOU, 7);
        g.put(new SnapshotKey.ChannelPage(Channel.PHARMACY, 7, cell), CRAWLED, cell, HANGZHOU,
                SnapshotFixture.locationPage("channel", "pharmacy", HANGZHOU, "pharmacy-hangzhou", "h3"));
        g.store(new SnapshotKey.StoreCategories("st-9"), CRAWLED, SnapshotFixture.storePage("store-categories", "st-9", "tree"));
        g.store(new SnapshotKey.StoreProducts("st-9", "cat-2", 2), CRAWLED, SnapshotFixture.storePage("store-products", "st-9", "p2"));
        g.publish();
    }

    @AfterAll
    static void clear() {
        fixture.close();
        TestNamespaces.clear(NS);
    }

    @BeforeEach
    void generationLoaded() {
        // The API connects to Redis and reads the pointers in the background after it starts.
        Http http = new Http(port);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.get("/v1/snapshots/home" + AT).statusCode() == 200);
    }

    static Stream<Arguments> requests() {
        String dayAgo = Long.toString(SnapshotFixture.now().minus(1, ChronoUnit.DAYS).toEpochMilli());
        return Stream.of(
                same("home, gzip", "home" + AT, "Accept-Encoding", "gzip"),
                same("home, plain JSON", "home" + AT),
                same("home from a neighbour", "home" + NEAR, "Accept-Encoding", "gzip"),
                same("home, young local copy: 304", "home" + AT, "X-Client-Cached-At", dayAgo),
                same("home, any etag: 304", "home" + AT, "If-None-Match", "*"),
                same("home, user and city from headers", "home" + AT, "X-User-Id", "u-1", "X-City", "Hangzhou"),
                same("channel", "channel/pharmacy" + AT, "Accept-Encoding", "gzip"),
                same("channel without a page: 404", "channel/flowers" + AT),
                same("nothing nearby: 404", "home?lat=45.0&lng=90.0"),
                same("latitude out of range: 400", "home?lat=91&lng=120"),
                same("latitude twice: 400", "home?lat=30.2&lat=30.3&lng=120"),
                same("no coordinates: 400", "home"),
                same("unknown channel: 400", "channel/toys" + AT),
                same("garbage cache header: 400", "home" + AT, "X-Client-Cache", "maybe"),
                same("store tree", "store/st-9/categories", "Accept-Encoding", "gzip"),
                same("unknown store: 404", "store/st-0/categories"),
                same("product page", "store/st-9/categories/cat-2/products?page=2"),
                same("missing product page: 404", "store/st-9/categories/cat-2/products"),
                same("page out of range: 400", "store/st-9/categories/cat-2/products?page=3"),
                same("store id too long: 400", "store/" + "s".repeat(65) + "/categories"));
    }

    static Arguments same(String name, String path, String... headers) {
        return Arguments.of(name, path, headers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void answersExactlyAsSpringMvcDoes(String name, String path, String[] headers) {
        Http http = new Http(port);

        HttpResponse<byte[]> direct = http.get("/v1/snapshots/" + path, headers);
        HttpResponse<byte[]> mvc = http.get("/v1/snapshot%73/" + path, headers);

        assertThat(direct.statusCode()).as(name).isEqualTo(mvc.statusCode());
        assertThat(comparableHeaders(direct)).as(name).isEqualTo(comparableHeaders(mvc));
        if (Http.header(direct, "Content-Type") != null && direct.statusCode() >= 400) {
            assertThat(errorWithoutPath(direct)).as(name).isEqualTo(errorWithoutPath(mvc));
        } else {
            assertThat(direct.body()).as(name).isEqualTo(mvc.body());
        }
    }

    @Test
    void directAnswersAreTimedAndCountedLikeTheOthers() {
        Http http = new Http(port);
        double before = count(http, "channel", "hit");

        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/v1/snapshots/channel/pharmacy" + AT).statusCode()).isEqualTo(200);
        }

        assertThat(count(http, "channel", "hit")).isEqualTo(before + 3);
    }

    @Test
    void headAndOtherMethodsStillReachSpringMvc() {
        Http http = new Http(port);

        HttpResponse<byte[]> head = http.send("HEAD", "/v1/snapshots/home" + AT, null);
        HttpResponse<byte[]> post = http.send("POST", "/v1/snapshots/home" + AT, null);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(Http.header(head, "X-Snapshot-Generation")).isEqualTo("g-direct");
        assertThat(post.statusCode()).isEqualTo(405);
    }

    /** Headers by name, without Date; the age may tick over by a second between the two requests. */
    static Map<String, List<String>> comparableHeaders(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Date") && !name.equalsIgnoreCase("Age") && !name.equalsIgnoreCase("X-Snapshot-Age")) {
                headers.put(name, values);
            }
        });
        String age = Http.header(response, "Age");
        if (age != null) {
            long expected = ChronoUnit.SECONDS.between(CRAWLED, SnapshotFixture.now());
            assertThat(Long.parseLong(age)).isBetween(expected - 5, expected + 1);
            assertThat(Http.header(response, "X-Snapshot-Age")).isEqualTo(age);
        }
        return headers;
    }

    static ObjectNode errorWithoutPath(HttpResponse<byte[]> response) {
        ObjectNode error = (ObjectNode) SnapshotFixture.JSON.readTree(Http.text(response));
        assertThat(error.has("path")).isTrue();
        error.remove("path");
        return error;
    }

    static double count(Http http, String kind, String outcome) {
        Matcher m = Pattern.compile("(?m)^hexsnap_api_requests_seconds_count\\{kind=\"" + kind + "\",outcome=\"" + outcome
                + "\"[^}]*} (\\S+)$").matcher(Http.text(http.get("/actuator/prometheus")));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
