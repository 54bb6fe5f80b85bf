package dev.hexsnap.core.upstream.contract;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.PageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A gateway-shaped contract (POST with JSON, an envelope, a token from the environment, stores
 * inside typed floors, a flat category tree, offset/limit paging): the requests it builds and
 * what it reads from answers.
 */
class ContractBehaviourTests {

    private static final String GATEWAY = """
            name: test-gateway
            supports-moment: false
            max-page-bytes: 2KB
            headers:
              Authorization: "Bearer ${TOKEN}"
            success:
              statuses: [200]
              envelope: { code: /code, ok: [0], message: /message }
              data: /data
            store-status:
              open: [1]
              closed-now: [2]
              closed: [3]
            channels:
              ids: ["101", "102"]
            pages:
              home:
                request:
                  method: POST
                  url: /gw/location/home
                  body: { json: { location: { lat: "{lat}", lng: "{lng}" }, user: "{account}", debug: false } }
                echo:
                  - { path: /loc/lat, near: "{lat}", within: 0.001 }
                extract:
                  not-serviceable: { path: /deliverable, equals: [0] }
                  floors: { each: "/floors/*", id: floorKey }
                  stores: { each: "/floors/*[type=shops]/items/*", id: shopId, status: state }
                  products: { each: "/floors/*[type=goods]/items/*", id: sku, store: shopId }
                  channels: { each: "/tabs/*", id: tabId }
                volatile: [/loc, /traceId]
              channel:
                request:
                  method: POST
                  url: /gw/location/channel
                  body: { form: { tab: "{channel}", q: { json: { lat: "{lat}", lng: "{lng}" } } } }
                extract:
                  stores: { each: "/floors/*[type=shops]/items/*", id: shopId, status: state }
                  products: { each: "/floors/*[type=goods]/items/*", id: sku }
              store-categories:
                request:
                  url: /gw/shop/{storeId}/cats
                echo:
                  - { path: /shopId, equals: "{storeId}" }
                extract:
                  status: /state
                  categories:
                    flat: { each: "/cats/*", id: id, name: title, parent: pid, root-parent: [0], product-count: n }
              store-products:
                request:
                  url: /gw/shop/{storeId}/goods
                  query: { cat: "{categoryId}", offset: "{offset}", limit: "{limit}", sign: "${SIGN:-none}" }
                echo:
                  - { path: /offset, equals: "{offset}" }
                extract:
                  products: { each: "/list/*", id: sku }
                  pagination: { total: /total }
            """;

    @TempDir
    Path dir;

    private UpstreamContract gateway() throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, GATEWAY);
        return UpstreamContract.load(file.toString(), Map.of("TOKEN", "s3cret"));
    }

    private static final URI BASE = URI.create("http://127.0.0.1:9/");
    private static final LatLng POINT = new LatLng(31.2304, 121.4737);

    @Test
    void aJsonBodyCarriesTypedValuesAndTheTokenNeverShows() throws IOException {
        PreparedRequest request = gateway().request(PageKind.HOME, BASE, PageArgs.home(POINT, "generic", null));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo(URI.create("http://127.0.0.1:9/gw/location/home"));
        assertThat(new String(request.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"location\":{\"lat\":31.2304,\"lng\":121.4737},\"user\":\"generic\",\"debug\":false}");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.headers()).containsExactly(new PreparedRequest.Header("Authorization", "Bearer s3cret"));
        assertThat(request.display()).doesNotContain("s3cret");
    }

    @Test
    void jsonInsideOneFormFieldIsEncodedOnce() throws IOException {
        PreparedRequest request = gateway().request(PageKind.CHANNEL, BASE, PageArgs.channel("101", POINT, "generic", null));

        String form = new String(request.body(), StandardCharsets.UTF_8);
        assertThat(form).startsWith("tab=101&q=");
        assertThat(URLDecoder.decode(form.substring(form.indexOf("q=") + 2), StandardCharsets.UTF_8))
                .isEqualTo("{\"lat\":31.2304,\"lng\":121.4737}");
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void pathVariablesAreEncodedAsSegmentsAndOffsetFollowsThePage() throws IOException {
        PreparedRequest request = gateway().request(PageKind.STORE_PRODUCTS, BASE, PageArgs.products("s 1/2", "c1", 3, 20, null));

        assertThat(request.uri().getRawPath()).isEqualTo("/gw/shop/s%201%2F2/goods");
        assertThat(request.uri().getRawQuery()).isEqualTo("cat=c1&offset=40&limit=20&sign=none");
    }

    @Test
    void storesAreReadOnlyFromFloorsOfTheirTypeWhereverTheTypeStands() throws IOException {
        // The second floor says its type after its items: the filter decides at the floor's end.
        String page = """
                {"code":"0","message":"ok","traceId":"t-1","data":{"deliverable":1,"loc":{"lat":31.2304,"lng":121.4737},
                 "tabs":[{"tabId":"101"},{"tabId":"999"},{"tabId":"101"}],
                 "floors":[{"type":"shops","floorKey":"f1","items":[{"shopId":"a","state":1},{"shopId":"b","state":"2"}]},
                           {"floorKey":"f2","items":[{"sku":"k1","shopId":"c"},{"sku":"k2","shopId":"a"}],"type":"goods"},
                           {"floorKey":"f3","items":[{"shopId":"x","sku":"banner"}],"type":"banners"}]}}""";

        LocationFacts facts = gateway().location(PageKind.HOME, page.getBytes(), PageArgs.home(POINT, "generic", null));

        assertThat(facts.serviceable()).isTrue();
        assertThat(facts.empty()).isFalse();
        assertThat(facts.stores()).containsExactly(new LocationFacts.StoreShown("a", "open", true),
                new LocationFacts.StoreShown("b", "closed-now", true), new LocationFacts.StoreShown("c", null, false));
        assertThat(facts.products()).containsExactly("k1", "k2");
        assertThat(facts.channels()).containsExactly("101");
        assertThat(facts.floors()).containsOnlyKeys("f1", "f2");
        assertThat(facts.floors().get("f2")).containsExactly("k1", "k2");
    }

    @Test
    void anEnvelopeFailureInsideHttp200CarriesTheServicesCodeAndMessage() throws IOException {
        String page = "{\"code\":40101,\"message\":\"token expired\",\"data\":null}";

        assertThatThrownBy(() -> gateway().location(PageKind.HOME, page.getBytes(), null))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(PageRejectedException.Reason.ENVELOPE))
                .hasMessage("home: code 40101: token expired");
    }

    @Test
    void aFlatTreeIsReadDepthFirstWithItsLeaves() throws IOException {
        String page = """
                {"code":0,"data":{"shopId":"s1","state":1,"cats":[
                  {"id":1,"pid":0,"title":"Fruit","n":30},{"id":2,"pid":0,"title":"Milk","n":5},
                  {"id":11,"pid":1,"title":"Apples","n":10},{"id":12,"pid":1,"title":"Pears","n":20}]}}""";

        CategoryFacts facts = gateway().categories(page.getBytes(), PageArgs.categories("s1", null));

        assertThat(facts.open()).isTrue();
        assertThat(facts.leaves()).extracting(CategoryFacts.Category::id).containsExactly("11", "12", "2");
        assertThat(facts.paths()).containsExactly("/1=Fruit", "/1/11=Apples", "/1/12=Pears", "/2=Milk");
    }

    @Test
    void aFlatTreeNamingAnUnknownParentIsMalformed() throws IOException {
        String page = "{\"code\":0,\"data\":{\"shopId\":\"s1\",\"state\":1,\"cats\":[{\"id\":1,\"pid\":7}]}}";

        assertThatThrownBy(() -> gateway().categories(page.getBytes(), PageArgs.categories("s1", null)))
                .isInstanceOf(PageRejectedException.class).hasMessageContaining("names parent 7");
    }

    @Test
    void offsetPagingGivesPagesFromTheTotalAndTheEchoChecksTheOffset() throws IOException {
        String page = "{\"code\":0,\"data\":{\"offset\":20,\"total\":41,\"list\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}}";

        ProductFacts facts = gateway().products(page.getBytes(), PageArgs.products("s1", "c1", 2, 20, null));
        assertThat(facts.totalPages()).isEqualTo(3);
        assertThat(facts.products()).containsExactly("a", "b");
        assertThatThrownBy(() -> gateway().products(page.getBytes(), PageArgs.products("s1", "c1", 3, 20, null)))
                .isInstanceOf(PageRejectedException.class).hasMessageContaining("/offset = 40");
    }

    @Test
    void anAnswerOverTheSizeLimitOrNotJsonIsAClearFailure() throws IOException {
        UpstreamContract contract = gateway();
        byte[] large = ("{\"code\":0,\"data\":{\"pad\":\"" + "x".repeat(3000) + "\"}}").getBytes();
        assertThatThrownBy(() -> contract.products(large, null)).hasMessageContaining("over max-page-bytes 2048");
        assertThatThrownBy(() -> contract.products("<html>busy</html>".getBytes(), null))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(PageRejectedException.Reason.NOT_JSON));
    }

    @Test
    void hexsnapV1AsksTodaysUrls() {
        UpstreamContract v1 = UpstreamContract.load("hexsnap-v1", Map.of());
        Instant at = Instant.parse("2026-11-23T04:00:00Z");

        assertThat(v1.request(PageKind.HOME, BASE, PageArgs.home(POINT, "generic", at)).uri()).hasToString(
                "http://127.0.0.1:9/v1/pages/home?lat=31.2304&lng=121.4737&account=generic&at=2026-11-23T04%3A00%3A00Z");
        assertThat(v1.request(PageKind.STORE_PRODUCTS, BASE, PageArgs.products("s01-00343", "c1-2", 2, 20, at)).uri()).hasToString(
                "http://127.0.0.1:9/v1/pages/store/s01-00343/categories/c1-2/products?page=2&size=20&at=2026-11-23T04%3A00%3A00Z");
        assertThat(List.of(v1.request(PageKind.CHANNEL, BASE, PageArgs.channel("fresh", POINT, "generic", at)).method()))
                .containsExactly("GET");
    }
}
