package dev.hexsnap.upstream.web;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.world.Geohash;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The page endpoints over real HTTP on loopback, as the worker and the diff call them. */
class PagesHttpIntegrationTests {

    static final String DAY = "2026-11-23T04:00:00Z";       // 12:00 in Shanghai
    static final String NIGHT = "2026-11-23T15:30:00Z";     // 23:30 in Shanghai

    static DemoUpstream upstream;
    static HttpClient http;
    static final PageInspector inspector = new PageInspector();
    static final JsonMapper mapper = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        upstream = DemoUpstream.start(DemoUpstream.options().seed(42).cities(3).homePageBytes(60_000).channelPageBytes(40_000));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    static HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void sameRequestAtSameMomentIsByteIdentical() throws Exception {
        String query = "/v1/pages/home?lat=31.2304&lng=121.4737&at=" + DAY;

        HttpResponse<byte[]> first = get(query);
        HttpResponse<byte[]> second = get(query);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(first.headers().firstValueAsLong("Content-Length")).hasValue(first.body().length);
        assertThat(Arrays.equals(first.body(), second.body())).isTrue();
        LocationPage page = inspector.locationPage(first.body());
        assertThat(page.serviceable()).isTrue();
        assertThat(page.isEmpty()).isFalse();
        assertThat(page.storeIds()).isNotEmpty();
    }

    @Test
    void homeShowsTheStoresWhoseAreaCoversThePointsGisCellAndNamesTheCell() throws Exception {
        double lat = 39.9042, lng = 116.4074;
        Geohash cell = Geohash.of(lat, lng, GisGrid.DEFAULT_PRECISION);

        HttpResponse<byte[]> response = get("/v1/pages/home?lat=" + lat + "&lng=" + lng + "&at=" + DAY);

        LocationPage page = inspector.locationPage(response.body());
        assertThat(response.headers().firstValue("X-Gis-Cell")).hasValue(cell.hash());
        assertThat(page.lat()).isEqualTo(lat);
        assertThat(page.lng()).isEqualTo(lng);
        LatLng centre = cell.centre();
        var expected = upstream.world().stores().stream().filter(s -> s.area().contains(centre.lat(), centre.lng()))
                .map(Store::id).sorted().toList();
        assertThat(shownStores(page)).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void twoPointsOfOneGisCellGetTheSamePageButTheirOwnCoordinates() throws Exception {
        Geohash cell = Geohash.of(31.2304, 121.4737, GisGrid.DEFAULT_PRECISION);
        String south = "lat=" + cell.minLat() + "&lng=" + cell.minLng();
        String north = "lat=" + Math.nextDown(cell.maxLat()) + "&lng=" + Math.nextDown(cell.maxLng());

        for (String page : List.of("home", "channel/supermarket")) {
            HttpResponse<byte[]> a = get("/v1/pages/" + page + "?" + south + "&at=" + DAY);
            HttpResponse<byte[]> b = get("/v1/pages/" + page + "?" + north + "&at=" + DAY);

            assertThat(a.headers().firstValue("X-Gis-Cell")).hasValue(cell.hash());
            assertThat(b.headers().firstValue("X-Gis-Cell")).hasValue(cell.hash());
            JsonNode first = mapper.readTree(a.body());
            JsonNode second = mapper.readTree(b.body());
            assertThat(first.get("lat").asDouble()).isEqualTo(cell.minLat());
            assertThat(second.get("lat").asDouble()).isEqualTo(Math.nextDown(cell.maxLat()));
            ((ObjectNode) first).remove("lat");
            ((ObjectNode) first).remove("lng");
            ((ObjectNode) second).remove("lat");
            ((ObjectNode) second).remove("lng");
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void inExactModePagesShowExactlyTheStoresWhoseAreaCoversThePoint() throws Exception {
        try (DemoUpstream exact = DemoUpstream.start(DemoUpstream.options().seed(42).cities(3).homePageBytes(20_000)
                .channelPageBytes(10_000).gisGrid(GisGrid.exact()))) {
            double lat = 39.9042, lng = 116.4074;

            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(exact.baseUrl()
                    + "/v1/pages/home?lat=" + lat + "&lng=" + lng + "&at=" + DAY)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode world = mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(exact.baseUrl() + "/v1/world")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());

            var expected = exact.world().stores().stream().filter(s -> s.area().contains(lat, lng)).map(Store::id).sorted().toList();
            assertThat(shownStores(inspector.locationPage(response.body()))).isNotEmpty().isEqualTo(expected);
            assertThat(response.headers().firstValue("X-Gis-Cell")).isEmpty();
            assertThat(exact.gis()).isEqualTo(GisGrid.exact());
            assertThat(world.get("gisGrid").asString()).isEqualTo("exact");
        }
    }

    @Test
    void theWorldSummaryNamesTheGisGrid() throws Exception {
        JsonNode world = mapper.readTree(get("/v1/world").body());

        assertThat(world.get("gisGrid").asString()).isEqualTo("geohash");
        assertThat(world.get("gisPrecision").asInt()).isEqualTo(GisGrid.DEFAULT_PRECISION);
        assertThat(upstream.gis()).isEqualTo(GisGrid.standard());
    }

    private static List<String> shownStores(LocationPage page) {
        return page.floors().stream().filter(f -> f.type().equals("stores")).flatMap(f -> f.stores().stream())
                .map(s -> s.storeId()).sorted().toList();
    }

    @Test
    void everyPageKindParsesWithTheSharedInspector() throws Exception {
        LocationPage home = inspector.locationPage(get("/v1/pages/home?lat=23.13&lng=113.26&at=" + DAY).body());
        String channel = home.channelEntries().getFirst().id();
        LocationPage channelPage = inspector.locationPage(get("/v1/pages/channel/" + channel + "?lat=23.13&lng=113.26&at=" + DAY).body());
        assertThat(channelPage.kind()).isEqualTo("channel");
        assertThat(channelPage.channel()).isEqualTo(channel);
        assertThat(channelPage.isEmpty()).isFalse();

        String storeId = channelPage.storeIds().iterator().next();
        StoreCategoriesPage tree = inspector.categories(get("/v1/pages/store/" + storeId + "/categories?at=" + DAY).body());
        assertThat(tree.leaves()).isNotEmpty();
        StoreCategoriesPage.Category leaf = tree.leaves().getFirst();
        StoreProductsPage products = inspector.products(get("/v1/pages/store/" + storeId + "/categories/" + leaf.categoryId()
                + "/products?page=1&size=5&at=" + DAY).body());
        assertThat(products.totalProducts()).isEqualTo(leaf.productCount());
        assertThat(products.products()).hasSize(Math.min(5, leaf.productCount()));
        assertThat(products.totalPages()).isEqualTo((leaf.productCount() + 4) / 5);
    }

    @Test
    void aPointWhereNoStoreDeliversGetsARealNotServiceablePage() throws Exception {
        // The Gobi desert: no city of the world within 1,000 km.
        LocationPage page = inspector.locationPage(get("/v1/pages/home?lat=42.5&lng=101.0&at=" + DAY).body());

        assertThat(page.serviceable()).isFalse();
        assertThat(page.isEmpty()).isFalse();
        assertThat(page.storeIds()).isEmpty();
        assertThat(page.floors()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} naming {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /v1/pages/home?lng=121.47                                  | 400 | lat
            /v1/pages/home?lat=31.2                                    | 400 | lng
            /v1/pages/home?lat=abc&lng=121.47                          | 400 | lat
            /v1/pages/home?lat=NaN&lng=121.47                          | 400 | lat
            /v1/pages/home?lat=Infinity&lng=121.47                     | 400 | lat
            /v1/pages/home?lat=1e3&lng=121.47                          | 400 | lat
            /v1/pages/home?lat=91&lng=121.47                           | 400 | lat
            /v1/pages/home?lat=31.2&lng=-180.5                         | 400 | lng
            /v1/pages/home?lat=31.2&lng=1210                           | 400 | lng
            /v1/pages/home?lat=31.2&lng=121.47&account=a%20b           | 400 | account
            /v1/pages/home?lat=31.2&lng=121.47&at=yesterday            | 400 | at
            /v1/pages/home?lat=31.2&lng=121.47&at=1800-01-01T00:00:00Z | 400 | at
            /v1/pages/channel/bakery?lat=31.2&lng=121.47               | 400 | channel
            /v1/pages/channel/fresh?lat=31.2&lng=x                     | 400 | lng
            /v1/pages/store/s99-99999/categories                       | 400 | storeId
            /v1/pages/store/bad%24id/categories                        | 400 | storeId
            /v1/pages/store/s00-00001/categories/c999-1/products       | 404 | categoryId
            /v1/pages/store/s00-00001/categories/c1-1/products?page=0  | 400 | page
            /v1/pages/store/s00-00001/categories/c1-1/products?page=-3 | 400 | page
            /v1/pages/store/s00-00001/categories/c1-1/products?page=1001 | 400 | page
            /v1/pages/store/s00-00001/categories/c1-1/products?page=two  | 400 | page
            /v1/pages/store/s00-00001/categories/c1-1/products?size=0    | 400 | size
            /v1/pages/store/s00-00001/categories/c1-1/products?size=101  | 400 | size
            /v1/pages/store/s00-00001/categories/c1-1/products?at=soon   | 400 | at
            /v1/heat?points=0                                          | 400 | points
            /v1/heat?cities=atlantis                                   | 400 | cities
            /v1/heat?seed=x                                            | 400 | seed
            """)
    void badParametersGetAJsonErrorNamingTheParameter(String query, int status, String parameter) throws Exception {
        HttpResponse<byte[]> response = get(query);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = mapper.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("parameter").asString()).isEqualTo(parameter);
        assertThat(error.get("message").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrorsToo() throws Exception {
        HttpResponse<byte[]> missing = get("/v1/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(mapper.readTree(missing.body()).get("error").asString()).isEqualTo("not_found");

        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/pages/home?lat=1&lng=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(mapper.readTree(post.body()).get("error").asString()).isEqualTo("method_not_allowed");
    }

    @Test
    void heatIsStreamedAsCsv() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/heat?cities=shanghai,suzhou&points=1000&seed=7")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        String[] lines = response.body().split("\n");
        assertThat(lines[0]).isEqualTo("lat,lng,count");
        assertThat(lines).hasSize(1001);
        assertThat(lines[1]).matches("-?\\d+\\.\\d{6},-?\\d+\\.\\d{6},\\d+");
    }
}
