package dev.hexsnap.upstream.web;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.upstream.world.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway-shaped API over real HTTP: the same content as v1 for the same location, moment,
 * store, category and page (many of each), its envelope, token, errors and drills.
 */
class GatewayApiIntegrationTests {

    static final String DAY = "2026-11-23T04:00:00Z";       // 12:00 in Shanghai
    static final String NIGHT = "2026-11-23T15:30:00Z";     // 23:30 in Shanghai
    static final String TOKEN = "gateway-test-token";

    /** The gateway's channel ids and status codes, written out here rather than taken from the code under test. */
    static final Map<String, String> CHANNEL_CODES = Map.of("supermarket", "shangchao", "fresh", "shengxian",
            "pharmacy", "yiyao", "flowers", "xianhua", "electronics", "shuma");
    static final Map<String, Integer> BIZ_STATUS = Map.of("open", 1, "closed-now", 2, "closed", 3);
    static final Map<String, Integer> SALE_STATUS = Map.of("on-sale", 1, "sold-out", 2, "off-shelf", 3);
    static final Map<String, String> FLOOR_TYPES = Map.of("banners", "banner", "channels", "channel", "stores", "shops",
            "products", "goods", "personal", "goods");

    static DemoUpstream upstream;
    static HttpClient http;
    static final PageInspector inspector = new PageInspector();
    static final JsonMapper mapper = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        upstream = DemoUpstream.start(DemoUpstream.options().seed(42).cities(3).homePageBytes(20_000).channelPageBytes(12_000)
                .gatewayToken(TOKEN).timeoutHang(Duration.ofMillis(500)));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @AfterEach
    void reset() {
        upstream.faults().reset();
    }

    // ---- content equals v1's ----

    @Test
    void locationPagesCarryTheSameContentAsV1AtManyPointsByDayAndNight() throws Exception {
        Random random = new Random(7);
        List<Store> stores = upstream.world().stores();
        int serviceable = 0, notServiceable = 0, channelPages = 0;
        Set<Integer> statusesSeen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Store near = stores.get(random.nextInt(stores.size()));
            // Most points near a store, some 20-40 km out where nobody delivers.
            double spread = i % 8 == 7 ? 0.2 + random.nextDouble() * 0.2 : 0.03;
            double lat = round(near.location().lat() + (random.nextDouble() - 0.5) * spread);
            double lng = round(near.location().lng() + (random.nextDouble() - 0.5) * spread);
            String at = i % 2 == 0 ? DAY : NIGHT;
            String account = i % 10 == 3 ? "u-123" : null;

            LocationPage v1 = inspector.locationPage(ok(get("/v1/pages/home?lat=" + lat + "&lng=" + lng + "&at=" + at
                    + (account == null ? "" : "&account=" + account))));
            JsonNode gw = data(post("/gw/o2o/page/home", location(lat, lng, at, account, null)));

            assertThat(canonical(gw)).as("home at %s,%s %s", lat, lng, at).isEqualTo(canonical(v1));
            if (v1.serviceable()) {
                serviceable++;
            } else {
                notServiceable++;
            }
            for (Channel channel : v1.channelEntries()) {
                String code = CHANNEL_CODES.get(channel.id());
                LocationPage v1Channel = inspector.locationPage(ok(get("/v1/pages/channel/" + channel.id() + "?lat=" + lat + "&lng=" + lng + "&at=" + at)));
                JsonNode gwChannel = data(post("/gw/o2o/page/channel", location(lat, lng, at, null, code)));
                assertThat(canonical(gwChannel)).as("channel %s at %s,%s", code, lat, lng).isEqualTo(canonical(v1Channel));
                channelPages++;
            }
            for (JsonNode floor : gw.get("floors")) {
                if ("shops".equals(floor.get("floorType").stringValue())) {
                    floor.get("items").forEach(shop -> statusesSeen.add(shop.get("bizStatus").intValue()));
                }
            }
        }
        // Not vacuous: both kinds of answer, channel pages, and open and closed stores were compared.
        assertThat(serviceable).isGreaterThan(20);
        assertThat(notServiceable).isGreaterThan(0);
        assertThat(channelPages).isGreaterThan(20);
        assertThat(statusesSeen).contains(1, 2);
    }

    @Test
    void storePagesCarryTheSameCategoriesLeavesAndProductsAsV1() throws Exception {
        List<Store> stores = upstream.world().stores();
        Random random = new Random(11);
        int leavesCompared = 0, productPages = 0;
        Set<String> statuses = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            // Every 10th a store closed for good (3% of the world), so closed stores are covered too.
            Store store = i % 10 == 9
                    ? stores.stream().filter(Store::closedForGood).skip(i / 10).findFirst().orElseThrow()
                    : stores.get(random.nextInt(stores.size()));
            String at = i % 2 == 0 ? DAY : NIGHT;
            StoreCategoriesPage v1 = inspector.categories(ok(get("/v1/pages/store/" + store.id() + "/categories?at=" + at)));
            JsonNode gw = data(get("/gw/o2o/poi/categories?poiId=" + store.id() + "&asOf=" + at, true));

            assertThat(gw.get("poi").get("poiId").stringValue()).isEqualTo(v1.storeId());
            assertThat(gw.get("poi").get("poiName").stringValue()).isEqualTo(v1.storeName());
            assertThat(gw.get("poi").get("bizStatus").intValue()).isEqualTo(BIZ_STATUS.get(v1.status()));
            assertThat(gw.get("asOf").stringValue()).isEqualTo(v1.generatedAt().toString());
            assertThat(flatTree(gw)).isEqualTo(flatTree(v1));
            List<String> v1Leaves = v1.leaves().stream().map(c -> c.categoryId() + "=" + c.productCount()).toList();
            assertThat(leavesByParentIds(gw)).isNotEmpty().isEqualTo(v1Leaves);
            statuses.add(v1.status());
            leavesCompared += v1Leaves.size();

            // The first two pages of a few leaves (what the worker crawls), a page past the end,
            // and an offset that is no multiple of the limit.
            List<StoreCategoriesPage.Category> leaves = v1.leaves();
            for (int l = 0; l < Math.min(3, leaves.size()); l++) {
                String category = leaves.get(random.nextInt(leaves.size())).categoryId();
                for (int page : new int[]{1, 2, 50}) {
                    int size = page == 2 ? 7 : 20;
                    StoreProductsPage v1Products = inspector.products(ok(get("/v1/pages/store/" + store.id() + "/categories/" + category
                            + "/products?page=" + page + "&size=" + size + "&at=" + at)));
                    JsonNode gwProducts = data(get(skus(store.id(), category, (page - 1) * size, size, at), true));
                    assertThat(gwProducts.get("total").intValue()).isEqualTo(v1Products.totalProducts());
                    int limit = gwProducts.get("limit").intValue();
                    assertThat((gwProducts.get("total").intValue() + limit - 1) / limit).isEqualTo(v1Products.totalPages());
                    assertThat(goods(gwProducts.get("skuList"))).isEqualTo(goods(v1Products.products()));
                    productPages++;
                }
                StoreProductsPage first = inspector.products(ok(get("/v1/pages/store/" + store.id() + "/categories/" + category
                        + "/products?page=1&size=20&at=" + at)));
                JsonNode shifted = data(get(skus(store.id(), category, 3, 5, at), true));
                List<ProductCard> expected = first.products().subList(Math.min(3, first.products().size()), Math.min(8, first.products().size()));
                assertThat(goods(shifted.get("skuList"))).isEqualTo(goods(expected));
                assertThat(shifted.get("hasMore").booleanValue()).isEqualTo(8 < first.totalProducts());
            }
        }
        assertThat(leavesCompared).isGreaterThan(100);
        assertThat(productPages).isGreaterThan(50);
        assertThat(statuses).contains("open", "closed");
    }

    // ---- envelope, token, errors ----

    @Test
    void withoutTheTokenEveryGatewayPathIs401WithAChallengeAndAnEnvelope() throws Exception {
        for (String token : new String[]{null, "wrong-token"}) {
            HttpResponse<byte[]> home = send("POST", "/gw/o2o/page/home", location(31.2304, 121.4737, DAY, null, null), token);
            HttpResponse<byte[]> categories = send("GET", "/gw/o2o/poi/categories?poiId=s01-00001", null, token);

            for (HttpResponse<byte[]> response : List.of(home, categories)) {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm="));
                JsonNode body = mapper.readTree(response.body());
                assertThat(body.get("code").intValue()).isEqualTo(40100);
                assertThat(body.get("data").isNull()).isTrue();
            }
        }
        // v1 stays open: the token guards the gateway only.
        assertThat(get("/v1/pages/home?lat=31.2304&lng=121.4737&at=" + DAY).statusCode()).isEqualTo(200);
    }

    @Test
    void badParametersAreEnvelopeFailuresInHttp200NamingTheField() throws Exception {
        record Case(String method, String path, String body, int code, String field) {
        }
        List<Case> cases = List.of(
                new Case("POST", "/gw/o2o/page/home", null, 40001, "body"),
                new Case("POST", "/gw/o2o/page/home", "{not json", 40001, "body"),
                new Case("POST", "/gw/o2o/page/home", "[1,2]", 40001, "body"),
                new Case("POST", "/gw/o2o/page/home", "{\"userId\":\"generic\"}", 40001, "location"),
                new Case("POST", "/gw/o2o/page/home", "{\"location\":{\"lat\":\"abc\",\"lng\":121.47}}", 40001, "location.lat"),
                new Case("POST", "/gw/o2o/page/home", "{\"location\":{\"lat\":31.2,\"lng\":181}}", 40001, "location.lng"),
                new Case("POST", "/gw/o2o/page/home", "{\"location\":{\"lat\":31.2,\"lng\":121.4},\"asOf\":\"yesterday\"}", 40001, "asOf"),
                new Case("POST", "/gw/o2o/page/channel", "{\"location\":{\"lat\":31.2,\"lng\":121.4},\"channelCode\":\"supermarket\"}", 40001, "channelCode"),
                new Case("GET", "/gw/o2o/poi/categories?poiId=bad!id", null, 40001, "poiId"),
                new Case("GET", "/gw/o2o/poi/skus", null, 40001, "body"),
                new Case("GET", skus("s01-00001", "c1-1", -1, 20, DAY), null, 40001, "offset"),
                new Case("GET", skus("s01-00001", "c1-1", 0, 101, DAY), null, 40001, "limit"),
                new Case("GET", skus("s01-00001", "no-such-category", 0, 20, DAY), null, 40401, "categoryId"));
        for (Case c : cases) {
            HttpResponse<byte[]> response = send(c.method(), c.path(), c.body(), TOKEN);

            assertThat(response.statusCode()).as(c.toString()).isEqualTo(200);
            JsonNode body = mapper.readTree(response.body());
            assertThat(body.get("code").intValue()).as(c.toString()).isEqualTo(c.code());
            assertThat(body.get("message").stringValue()).as(c.toString()).contains(c.field());
            assertThat(body.get("data").isNull()).isTrue();
            assertThat(body.get("requestId").stringValue()).isNotBlank();
        }
    }

    @Test
    void theSamePageAskedTwiceDiffersOnlyInItsVolatileFields() throws Exception {
        String request = location(31.2304, 121.4737, DAY, null, null);
        JsonNode first = mapper.readTree(ok(post("/gw/o2o/page/home", request)));
        JsonNode second = mapper.readTree(ok(post("/gw/o2o/page/home", request)));
        // A point 200 m away in the same GIS cell: the same page but for the echoed coordinates.
        JsonNode nearby = mapper.readTree(ok(post("/gw/o2o/page/home", location(31.2306, 121.4739, DAY, null, null))));

        assertThat(first.get("requestId").stringValue()).isNotEqualTo(second.get("requestId").stringValue());
        assertThat(first.get("serverTime").isIntegralNumber()).isTrue();
        assertThat(first.get("data")).isEqualTo(second.get("data"));
        assertThat(first.get("data").get("floors")).isEqualTo(nearby.get("data").get("floors"));
        assertThat(nearby.get("data").get("geo").get("lat").doubleValue()).isEqualTo(31.2306);
        // Coordinates as strings are accepted too (contracts often template them into strings).
        JsonNode asStrings = data(post("/gw/o2o/page/home", "{\"location\":{\"lat\":\"31.2304\",\"lng\":\"121.4737\"},\"asOf\":\"" + DAY + "\"}"));
        assertThat(asStrings.get("floors")).isEqualTo(first.get("data").get("floors"));
    }

    @Test
    void productsAlsoTakeTheBodyAsAFormEncodedPost() throws Exception {
        Store store = upstream.world().stores().getFirst();
        StoreCategoriesPage tree = inspector.categories(ok(get("/v1/pages/store/" + store.id() + "/categories?at=" + DAY)));
        String category = tree.leaves().getFirst().categoryId();
        String json = "{\"poiId\":\"" + store.id() + "\",\"categoryId\":\"" + category + "\",\"offset\":0,\"limit\":5,\"asOf\":\"" + DAY + "\"}";

        HttpResponse<byte[]> post = http.send(request("/gw/o2o/poi/skus", TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("body=" + URLEncoder.encode(json, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(data(post).get("skuList")).isEqualTo(data(get(skus(store.id(), category, 0, 5, DAY), true)).get("skuList"));
        assertThat(data(post).get("skuList")).hasSize(Math.min(5, tree.leaves().getFirst().productCount()));
    }

    // ---- drills ----

    @Test
    void drillErrorsAreEnvelopeFailuresInHttp200() throws Exception {
        String home = location(31.2304, 121.4737, DAY, null, null);
        upstream.faults().set(FaultTarget.HOME, FaultSettings.none().withErrorRate(1.0));
        Set<Integer> codes = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<byte[]> response = post("/gw/o2o/page/home", home);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = mapper.readTree(response.body());
            assertThat(body.get("data").isNull()).isTrue();
            codes.add(body.get("code").intValue());
        }
        assertThat(codes).containsExactlyInAnyOrder(50001, 50301);

        upstream.faults().set(FaultTarget.STORE_CATEGORIES, FaultSettings.none().withOutage(true));
        JsonNode outage = mapper.readTree(get("/gw/o2o/poi/categories?poiId=" + upstream.world().stores().getFirst().id(), true).body());
        assertThat(outage.get("code").intValue()).isEqualTo(50302);

        upstream.faults().set(FaultTarget.CHANNEL, FaultSettings.none().withTimeoutRate(1.0));
        HttpResponse<byte[]> timeout = post("/gw/o2o/page/channel", location(31.2304, 121.4737, DAY, null, "shangchao"));
        assertThat(timeout.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(timeout.body()).get("code").intValue()).isEqualTo(50401);
    }

    @Test
    void emptyDrillAnswersAreOkEnvelopesWithNothingInThem() throws Exception {
        Store store = upstream.world().stores().stream().filter(s -> !s.closedForGood()).findFirst().orElseThrow();
        StoreCategoriesPage tree = inspector.categories(ok(get("/v1/pages/store/" + store.id() + "/categories?at=" + DAY)));
        StoreCategoriesPage.Category leaf = tree.leaves().getFirst();
        upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withEmptyRate(1.0));

        JsonNode home = data(post("/gw/o2o/page/home", location(31.2304, 121.4737, DAY, null, null)));
        JsonNode channel = data(post("/gw/o2o/page/channel", location(31.2304, 121.4737, DAY, null, "shangchao")));
        JsonNode categories = data(get("/gw/o2o/poi/categories?poiId=" + store.id() + "&asOf=" + DAY, true));
        JsonNode products = data(get(skus(store.id(), leaf.categoryId(), 0, 20, DAY), true));

        for (JsonNode page : List.of(home, channel)) {
            assertThat(page.get("meta").get("deliverable").booleanValue()).isTrue();
            assertThat(page.get("floors")).isEmpty();
        }
        assertThat(categories.get("categoryList")).isEmpty();
        assertThat(categories.get("poi").get("poiId").stringValue()).isEqualTo(store.id());
        assertThat(products.get("skuList")).isEmpty();
        assertThat(products.get("total").intValue()).isEqualTo(leaf.productCount()).isPositive();
    }

    // ---- helpers ----

    /** A v1 location page as a list of lines in the gateway's vocabulary (mapped with the tables above). */
    static List<String> canonical(LocationPage page) {
        List<String> lines = new ArrayList<>();
        lines.add("page " + page.kind().toUpperCase() + " " + (page.channel() == null ? null : CHANNEL_CODES.get(page.channel()))
                + " " + page.slot().toUpperCase() + " " + page.generatedAt() + " deliverable=" + page.serviceable()
                + " at " + page.lat() + "," + page.lng());
        for (LocationPage.Floor floor : page.floors()) {
            lines.add("floor " + ("notice".equals(floor.floorId()) ? "notice" : FLOOR_TYPES.get(floor.type())) + " " + floor.floorId() + " " + floor.title());
            floor.banners().forEach(b -> lines.add("banner " + b.bannerId() + " " + b.title() + " " + b.image() + " " + b.link()));
            floor.channels().forEach(c -> lines.add("channel " + CHANNEL_CODES.get(c.channel()) + " " + c.title() + " " + c.icon()));
            floor.stores().forEach(s -> lines.add(shop(s.storeId(), s.name(), s.channels().stream().map(CHANNEL_CODES::get).toList(),
                    s.rating(), s.distanceMetres(), s.deliveryFeeCents(), s.minOrderCents(), BIZ_STATUS.get(s.status()), s.tags())));
            lines.addAll(goods(floor.products()));
        }
        return lines;
    }

    /** A gateway location page's data as the same lines. */
    static List<String> canonical(JsonNode data) {
        List<String> lines = new ArrayList<>();
        JsonNode meta = data.get("meta");
        lines.add("page " + meta.get("pageType").stringValue() + " " + (meta.get("channelCode").isNull() ? null : meta.get("channelCode").stringValue())
                + " " + meta.get("timeSlot").stringValue() + " " + meta.get("asOf").stringValue() + " deliverable=" + meta.get("deliverable").booleanValue()
                + " at " + data.get("geo").get("lat").doubleValue() + "," + data.get("geo").get("lng").doubleValue());
        for (JsonNode floor : data.get("floors")) {
            String type = floor.get("floorType").stringValue();
            lines.add("floor " + type + " " + floor.get("floorKey").stringValue() + " " + (floor.get("title").isNull() ? null : floor.get("title").stringValue()));
            for (JsonNode item : floor.get("items")) {
                switch (type) {
                    case "banner", "notice" -> lines.add("banner " + item.get("bannerId").stringValue() + " " + item.get("title").stringValue()
                            + " " + item.get("imgUrl").stringValue() + " " + item.get("jumpUrl").stringValue());
                    case "channel" -> lines.add("channel " + item.get("channelCode").stringValue() + " " + item.get("channelName").stringValue()
                            + " " + item.get("iconUrl").stringValue());
                    case "shops" -> lines.add(shop(item.get("shopId").stringValue(), item.get("shopName").stringValue(), strings(item.get("channelCodes")),
                            item.get("score").doubleValue(), item.get("distance").intValue(), cents(item.get("shippingFee")), cents(item.get("minPrice")),
                            item.get("bizStatus").intValue(), strings(item.get("tagList"))));
                    case "goods" -> lines.add(good(item));
                    default -> throw new AssertionError("unexpected floor type " + type);
                }
            }
        }
        return lines;
    }

    static String shop(String id, String name, List<String> channels, double rating, int distance, long fee, long minOrder, int status, List<String> tags) {
        return "shop " + id + " " + name + " " + channels + " " + rating + " " + distance + " " + fee + " " + minOrder + " status=" + status + " " + tags;
    }

    static List<String> goods(List<ProductCard> products) {
        return products.stream().map(p -> "sku " + p.skuId() + " " + p.storeId() + " " + p.name() + " " + p.image() + " " + p.priceCents() + " "
                + p.originalPriceCents() + " " + p.stock() + " status=" + SALE_STATUS.get(p.status()) + " " + p.monthlySales() + " " + p.tags()).toList();
    }

    static List<String> goods(JsonNode items) {
        List<String> lines = new ArrayList<>();
        items.forEach(item -> lines.add(good(item)));
        return lines;
    }

    static String good(JsonNode item) {
        return "sku " + item.get("skuId").stringValue() + " " + item.get("shopId").stringValue() + " " + item.get("skuName").stringValue() + " "
                + item.get("picUrl").stringValue() + " " + cents(item.get("price")) + " " + cents(item.get("originPrice")) + " "
                + item.get("stock").intValue() + " status=" + item.get("saleStatus").intValue() + " " + item.get("monthSales").intValue() + " "
                + strings(item.get("tagList"));
    }

    /** v1's nested tree as (id, name, parent, level, count), depth first. */
    static List<String> flatTree(StoreCategoriesPage page) {
        List<String> nodes = new ArrayList<>();
        for (StoreCategoriesPage.Category top : page.categories()) {
            flatten(top, "0", 1, nodes);
        }
        return nodes;
    }

    static void flatten(StoreCategoriesPage.Category category, String parent, int level, List<String> into) {
        into.add(category.categoryId() + " " + category.name() + " parent=" + parent + " level=" + level + " count=" + category.productCount());
        for (StoreCategoriesPage.Category child : category.children()) {
            flatten(child, category.categoryId(), level + 1, into);
        }
    }

    static List<String> flatTree(JsonNode data) {
        List<String> nodes = new ArrayList<>();
        for (JsonNode node : data.get("categoryList")) {
            nodes.add(node.get("categoryId").stringValue() + " " + node.get("categoryName").stringValue() + " parent=" + node.get("parentId").stringValue()
                    + " level=" + node.get("level").intValue() + " count=" + node.get("skuCount").intValue());
        }
        return nodes;
    }

    /** The leaves of the flat list by the documented rule: nodes no other node names as parent, in list order. */
    static List<String> leavesByParentIds(JsonNode data) {
        Set<String> parents = new LinkedHashSet<>();
        data.get("categoryList").forEach(node -> parents.add(node.get("parentId").stringValue()));
        List<String> leaves = new ArrayList<>();
        for (JsonNode node : data.get("categoryList")) {
            if (!parents.contains(node.get("categoryId").stringValue())) {
                leaves.add(node.get("categoryId").stringValue() + "=" + node.get("skuCount").intValue());
            }
        }
        return leaves;
    }

    static long cents(JsonNode yuan) {
        assertThat(yuan.isString()).as("money is a string of yuan: %s", yuan).isTrue();
        return new BigDecimal(yuan.stringValue()).movePointRight(2).longValueExact();
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.stringValue()));
        return values;
    }

    static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    static String location(double lat, double lng, String at, String account, String channelCode) {
        return "{\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "}"
                + (account == null ? "" : ",\"userId\":\"" + account + "\"")
                + (channelCode == null ? "" : ",\"channelCode\":\"" + channelCode + "\"")
                + ",\"asOf\":\"" + at + "\"}";
    }

    static String skus(String store, String category, int offset, int limit, String at) {
        String body = "{\"poiId\":\"" + store + "\",\"categoryId\":\"" + category + "\",\"offset\":" + offset + ",\"limit\":" + limit + ",\"asOf\":\"" + at + "\"}";
        return "/gw/o2o/poi/skus?body=" + URLEncoder.encode(body, StandardCharsets.UTF_8);
    }

    static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    static HttpResponse<byte[]> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return get(path, path.startsWith("/gw"));
    }

    static HttpResponse<byte[]> get(String path, boolean withToken) throws Exception {
        return send("GET", path, null, withToken ? TOKEN : null);
    }

    static HttpResponse<byte[]> post(String path, String json) throws Exception {
        return send("POST", path, json, TOKEN);
    }

    static byte[] ok(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }

    /** The data of a gateway answer that must be a page (code 0). */
    static JsonNode data(HttpResponse<byte[]> response) throws Exception {
        JsonNode body = mapper.readTree(ok(response));
        assertThat(body.get("code").intValue()).as(body.toString()).isEqualTo(0);
        assertThat(body.get("message").stringValue()).isEqualTo("ok");
        return body.get("data");
    }
}
