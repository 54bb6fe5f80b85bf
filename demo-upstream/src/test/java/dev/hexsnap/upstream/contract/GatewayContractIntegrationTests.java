package dev.hexsnap.upstream.contract;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.upstream.contract.CategoryFacts;
import dev.hexsnap.core.upstream.contract.ContractException;
import dev.hexsnap.core.upstream.contract.LocationFacts;
import dev.hexsnap.core.upstream.contract.PageArgs;
import dev.hexsnap.core.upstream.contract.PageRejectedException;
import dev.hexsnap.core.upstream.contract.PreparedRequest;
import dev.hexsnap.core.upstream.contract.ProductFacts;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.upstream.world.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped {@code demo-gateway} contract against the demo upstream's gateway API over real
 * HTTP: requests built by the contract (JSON body, JSON inside one parameter, bearer token),
 * answers read by it; what it extracts equals what {@code hexsnap-v1} extracts through the v1
 * API for the same location, moment, store, category and page; drill answers are recognised.
 */
class GatewayContractIntegrationTests {

    static final String TOKEN = "gateway-contract-test-token";
    static final Map<String, String> ENV = Map.of("HEXSNAP_UPSTREAM_GATEWAY_TOKEN", TOKEN);
    /** The gateway's channel ids for v1's, written out here rather than taken from the code under test. */
    static final Map<String, String> CHANNELS = Map.of("supermarket", "shangchao", "fresh", "shengxian", "pharmacy", "yiyao",
            "flowers", "xianhua", "electronics", "shuma");
    static final Instant DAY = Instant.parse("2026-11-23T04:00:00Z");
    static final Instant NIGHT = Instant.parse("2026-11-23T15:30:00Z");
    static final int SIZE = 20;

    static DemoUpstream upstream;
    static HttpClient http;
    static UpstreamContract v1;
    static UpstreamContract gateway;

    @BeforeAll
    static void start() {
        upstream = DemoUpstream.start(DemoUpstream.options().cities(3).homePageBytes(20_000).channelPageBytes(12_000).gatewayToken(TOKEN));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        v1 = UpstreamContract.load("hexsnap-v1", Map.of());
        gateway = UpstreamContract.load("demo-gateway", ENV);
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @AfterEach
    void reset() {
        upstream.faults().reset();
    }

    @Test
    void bothContractsExtractTheSameFactsFromTheSameWorld() throws Exception {
        Random random = new Random(3);
        List<Store> stores = upstream.world().stores();
        int compared = 0, notServiceable = 0, closedOrResting = 0;
        for (int i = 0; i < 16; i++) {
            Instant at = i % 2 == 0 ? DAY : NIGHT;
            Store near = stores.get(random.nextInt(stores.size()));
            // Most points near a store; every eighth far out (±1.5°), where nobody delivers.
            double spread = i % 8 == 7 ? 3.0 : 0.03;
            LatLng point = new LatLng(near.location().lat() + (random.nextDouble() - 0.5) * spread,
                    near.location().lng() + (random.nextDouble() - 0.5) * spread);

            PageArgs home = PageArgs.home(point, "generic", at);
            LocationFacts v1Home = v1.location(PageKind.HOME, fetch(v1, PageKind.HOME, home), home);
            LocationFacts gwHome = gateway.location(PageKind.HOME, fetch(gateway, PageKind.HOME, home), home);
            assertThat(gwHome.serviceable()).isEqualTo(v1Home.serviceable());
            assertThat(gwHome.empty()).isFalse().isEqualTo(v1Home.empty());
            assertThat(gwHome.statuses()).isEqualTo(v1Home.statuses());
            assertThat(gwHome.products()).isEqualTo(v1Home.products());
            assertThat(gwHome.channels()).isEqualTo(v1Home.channels().stream().map(CHANNELS::get).toList());
            compared++;
            notServiceable += v1Home.serviceable() ? 0 : 1;
            closedOrResting += (int) v1Home.stores().stream().filter(s -> !"open".equals(s.status())).count();

            for (String channel : v1Home.channels().stream().limit(2).toList()) {
                PageArgs v1Args = PageArgs.channel(channel, point, "generic", at);
                PageArgs gwArgs = PageArgs.channel(CHANNELS.get(channel), point, "generic", at);
                LocationFacts v1Channel = v1.location(PageKind.CHANNEL, fetch(v1, PageKind.CHANNEL, v1Args), v1Args);
                LocationFacts gwChannel = gateway.location(PageKind.CHANNEL, fetch(gateway, PageKind.CHANNEL, gwArgs), gwArgs);
                assertThat(gwChannel.statuses()).isEqualTo(v1Channel.statuses());
                assertThat(gwChannel.products()).isEqualTo(v1Channel.products());
                compared++;
            }
            for (LocationFacts.StoreShown store : v1Home.stores().stream().limit(2).toList()) {
                PageArgs tree = PageArgs.categories(store.storeId(), at);
                CategoryFacts v1Tree = v1.categories(fetch(v1, PageKind.STORE_CATEGORIES, tree), tree);
                CategoryFacts gwTree = gateway.categories(fetch(gateway, PageKind.STORE_CATEGORIES, tree), tree);
                assertThat(gwTree.status()).isEqualTo(v1Tree.status());
                assertThat(gwTree.paths()).isEqualTo(v1Tree.paths());
                assertThat(gwTree.leaves()).isNotEmpty().isEqualTo(v1Tree.leaves());
                compared++;
                if (!v1Tree.open()) {
                    continue;
                }
                for (CategoryFacts.Category leaf : v1Tree.leaves().stream().limit(2).toList()) {
                    for (int page = 1; page <= 2; page++) {
                        PageArgs products = PageArgs.products(store.storeId(), leaf.id(), page, SIZE, at);
                        ProductFacts v1Products = v1.products(fetch(v1, PageKind.STORE_PRODUCTS, products), products);
                        ProductFacts gwProducts = gateway.products(fetch(gateway, PageKind.STORE_PRODUCTS, products), products);
                        assertThat(gwProducts).isEqualTo(v1Products);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(notServiceable).isPositive();
        assertThat(closedOrResting).isPositive();
    }

    @Test
    void drillAnswersAreEmptyPagesOrEnvelopeFailures() throws Exception {
        LatLng point = new LatLng(31.2304, 121.4737);
        PageArgs home = PageArgs.home(point, "generic", DAY);
        Store store = upstream.world().stores().stream().filter(s -> !s.closedForGood()).findFirst().orElseThrow();
        PageArgs tree = PageArgs.categories(store.id(), DAY);
        CategoryFacts.Category leaf = gateway.categories(fetch(gateway, PageKind.STORE_CATEGORIES, tree), tree).leaves().getFirst();
        PageArgs products = PageArgs.products(store.id(), leaf.id(), 1, SIZE, DAY);

        upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withEmptyRate(1.0));
        assertThat(gateway.location(PageKind.HOME, fetch(gateway, PageKind.HOME, home), home).empty()).isTrue();
        assertThat(gateway.categories(fetch(gateway, PageKind.STORE_CATEGORIES, tree), tree).empty()).isTrue();
        assertThat(gateway.products(fetch(gateway, PageKind.STORE_PRODUCTS, products), products).empty()).isTrue();

        upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withOutage(true));
        byte[] outage = fetch(gateway, PageKind.HOME, home);
        assertThatThrownBy(() -> gateway.location(PageKind.HOME, outage, home))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PageRejectedException.Reason.ENVELOPE);
                    assertThat(e.getMessage()).contains("50302");
                });
    }

    @Test
    void theTokenComesFromTheEnvironmentAndIsNeverShown() {
        PreparedRequest request = gateway.request(PageKind.HOME, URI.create(upstream.baseUrl()), PageArgs.home(new LatLng(31.23, 121.47), "generic", DAY));

        assertThat(request.headers()).contains(new PreparedRequest.Header("Authorization", "Bearer " + TOKEN));
        assertThat(request.display()).doesNotContain(TOKEN);
        assertThatThrownBy(() -> UpstreamContract.load("demo-gateway", Map.of()))
                .isInstanceOf(ContractException.class).hasMessageContaining("HEXSNAP_UPSTREAM_GATEWAY_TOKEN");
    }

    /** Sends the request the contract builds; every answer here must be HTTP 200 (the gateway's failures are too). */
    static byte[] fetch(UpstreamContract contract, PageKind kind, PageArgs args) throws Exception {
        PreparedRequest request = contract.request(kind, URI.create(upstream.baseUrl()), args);
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(20));
        request.headers().forEach(h -> builder.header(h.name(), h.value()));
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType()).method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(request.display()).isEqualTo(200);
        return response.body();
    }
}
