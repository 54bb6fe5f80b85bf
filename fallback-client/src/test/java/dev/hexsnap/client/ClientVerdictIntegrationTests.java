package dev.hexsnap.client;

import com.sun.net.httpserver.HttpServer;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.upstream.CircuitBreaker;
import dev.hexsnap.core.upstream.PageFetchException;
import dev.hexsnap.core.upstream.RequestCeiling;
import dev.hexsnap.core.upstream.UpstreamClient;
import dev.hexsnap.core.upstream.UpstreamPages;
import dev.hexsnap.core.upstream.UpstreamSettings;
import dev.hexsnap.core.upstream.contract.CategoryFacts;
import dev.hexsnap.core.upstream.contract.LocationFacts;
import dev.hexsnap.core.upstream.contract.PageArgs;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For pages of both shipped contracts, answered by the demo upstream's two APIs (normal, not
 * serviceable, the empty-answer drill on every kind, an envelope failure, a page for another
 * place), the client's decision equals the worker's verdict on the same bytes: the client shows
 * the upstream's page exactly when the worker would store it. The worker's verdict is core's
 * {@link UpstreamPages} as the crawl builds it (empty pages rejected), asking a loopback server
 * that answers with those bytes.
 */
class ClientVerdictIntegrationTests {

    static final String TOKEN = "client-verdict-test-token";
    static final Instant AT = Instant.parse("2026-11-23T04:00:00Z");        // 12:00 in Shanghai
    static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    static final LatLng NOWHERE = new LatLng(32.9, 123.4);                  // the East China Sea
    static final LatLng ELSEWHERE = new LatLng(31.1, 121.3);
    static final int PAGE_SIZE = 20;

    static DemoUpstream upstream;
    static HttpServer replay;
    static final AtomicReference<byte[]> replayed = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        upstream = DemoUpstream.start(DemoUpstream.options().cities("shanghai").homePageBytes(10_000).channelPageBytes(8_000)
                .gatewayToken(TOKEN));
        replay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        replay.createContext("/", exchange -> {
            byte[] body = replayed.get();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        replay.start();
    }

    @AfterAll
    static void stop() {
        replay.stop(0);
        upstream.close();
    }

    @AfterEach
    void reset() {
        upstream.faults().reset();
    }

    /** One answer of the upstream, what the client was asking for, and whether the worker must store it. */
    record Sample(String what, PageRequest request, byte[] bytes, boolean stored) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"hexsnap-v1", "demo-gateway"})
    void theClientShowsTheUpstreamsPageExactlyWhenTheWorkerWouldStoreIt(String contractName) throws Exception {
        UpstreamContract contract = UpstreamContract.load(contractName, Map.of("HEXSNAP_UPSTREAM_GATEWAY_TOKEN", TOKEN));
        UpstreamPages live = pages(contract, URI.create(upstream.baseUrl()), false);
        UpstreamPages worker = pages(contract, URI.create("http://127.0.0.1:" + replay.getAddress().getPort()), true);
        FallbackPolicy client = FallbackPolicy.contract(contract, PAGE_SIZE);

        LocationFacts home = live.home(SHANGHAI, AT).page();
        String channel = home.channels().getFirst();
        String store = home.stores().stream().filter(s -> "open".equals(s.status())).findFirst().orElseThrow().storeId();
        CategoryFacts tree = live.categories(store, AT).page();
        String leaf = tree.leaves().getFirst().id();

        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample("home", PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), live.home(SHANGHAI, AT).raw(), true));
        samples.add(new Sample("home nobody delivers to", PageRequest.home(NOWHERE.lat(), NOWHERE.lng()), live.home(NOWHERE, AT).raw(), true));
        samples.add(new Sample("home of another place", PageRequest.home(ELSEWHERE.lat(), ELSEWHERE.lng()), live.home(SHANGHAI, AT).raw(), false));
        samples.add(new Sample("channel", PageRequest.channel(channel, SHANGHAI.lat(), SHANGHAI.lng()), live.channel(channel, SHANGHAI, AT).raw(), true));
        samples.add(new Sample("category tree", PageRequest.storeCategories(store), live.categories(store, AT).raw(), true));
        samples.add(new Sample("products", PageRequest.storeProducts(store, leaf, 1), live.products(store, leaf, 1, AT).raw(), true));

        upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withEmptyRate(1.0));
        samples.add(new Sample("empty home", PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), live.home(SHANGHAI, AT).raw(), false));
        samples.add(new Sample("empty channel", PageRequest.channel(channel, SHANGHAI.lat(), SHANGHAI.lng()), live.channel(channel, SHANGHAI, AT).raw(), false));
        samples.add(new Sample("empty tree", PageRequest.storeCategories(store), live.categories(store, AT).raw(), false));
        samples.add(new Sample("empty product page", PageRequest.storeProducts(store, leaf, 1), live.products(store, leaf, 1, AT).raw(), false));
        if (contractName.equals("demo-gateway")) {
            // The gateway's failures come inside HTTP 200: the client sees bytes, not an error status.
            upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withOutage(true));
            samples.add(new Sample("envelope failure", PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng()), rawAnswer(contract, SHANGHAI), false));
        }

        for (Sample sample : samples) {
            boolean workerStores = workerStores(worker, sample);
            FallbackPolicy.Verdict verdict = client.judge(sample.request(), UpstreamAnswer.ok(sample.bytes()), 2);

            assertThat(workerStores).as("%s: worker stores", sample.what()).isEqualTo(sample.stored());
            assertThat(verdict == FallbackPolicy.Verdict.USE_UPSTREAM).as("%s: client shows it", sample.what()).isEqualTo(workerStores);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hexsnap-v1", "demo-gateway"})
    void theClientServesTheLivePageOrTheSnapshotThroughEachContract(String contractName) throws Exception {
        UpstreamContract contract = UpstreamContract.load(contractName, Map.of("HEXSNAP_UPSTREAM_GATEWAY_TOKEN", TOKEN));
        UpstreamPages live = pages(contract, URI.create(upstream.baseUrl()), false);
        // The fallback API's part is played by the loopback server, answering with a stored snapshot.
        byte[] snapshot = live.home(SHANGHAI, AT).raw();
        replayed.set(snapshot);
        FallbackClient client = FallbackClient.builder(URI.create("http://127.0.0.1:" + replay.getAddress().getPort()))
                .requestTimeout(Duration.ofSeconds(10)).policy(FallbackPolicy.contract(contract, PAGE_SIZE)).build();
        PageRequest home = PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng());

        Outcome healthy = client.serve(home, () -> UpstreamAnswer.ok(liveHome(live)), LocalCopy.NONE);
        upstream.faults().set(FaultTarget.HOME, FaultSettings.none().withEmptyRate(1.0));
        Outcome empty = client.serve(home, () -> UpstreamAnswer.ok(liveHome(live)), LocalCopy.NONE);
        upstream.faults().set(FaultTarget.HOME, FaultSettings.none().withOutage(true));
        Outcome failing = client.serve(home, () -> contractName.equals("demo-gateway")
                ? UpstreamAnswer.ok(rawAnswer(contract, SHANGHAI))     // the gateway's outage: HTTP 200, code 50302
                : UpstreamAnswer.failed("HTTP 503"), LocalCopy.NONE);   // v1's outage: an error status

        assertThat(healthy.source()).isEqualTo(Outcome.Source.UPSTREAM);
        assertThat(empty.source()).isEqualTo(Outcome.Source.SNAPSHOT);
        assertThat(empty.json()).isEqualTo(snapshot);
        assertThat(failing.source()).isEqualTo(Outcome.Source.SNAPSHOT);
    }

    static byte[] liveHome(UpstreamPages live) {
        try {
            return live.home(SHANGHAI, AT).raw();
        } catch (PageFetchException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the crawl keeps these bytes: asked through the worker's page layer, from a server that answers with them. */
    static boolean workerStores(UpstreamPages worker, Sample sample) throws InterruptedException {
        replayed.set(sample.bytes());
        PageRequest r = sample.request();
        try {
            switch (r.kind()) {
                case HOME -> worker.home(new LatLng(r.lat(), r.lng()), AT);
                case CHANNEL -> worker.channel(r.channel(), new LatLng(r.lat(), r.lng()), AT);
                case STORE_CATEGORIES -> worker.categories(r.storeId(), AT);
                case STORE_PRODUCTS -> worker.products(r.storeId(), r.categoryId(), r.page(), AT);
            }
            return true;
        } catch (PageFetchException e) {
            return false;
        }
    }

    /** The bytes of an answer the contract rejects (the live layer would retry it away). */
    static byte[] rawAnswer(UpstreamContract contract, LatLng point) {
        var request = contract.request(PageKind.HOME, URI.create(upstream.baseUrl()), PageArgs.home(point, "generic", AT));
        try {
            return client(contract).fetch(request, body -> body).raw();
        } catch (PageFetchException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The worker's stack: one attempt (a verdict, not a recovery), a breaker that never opens here. */
    static UpstreamPages pages(UpstreamContract contract, URI base, boolean rejectEmpty) {
        return new UpstreamPages(contract, client(contract), base, new UpstreamSettings(contract.name(), "generic", PAGE_SIZE), rejectEmpty);
    }

    static UpstreamClient client(UpstreamContract contract) {
        return new UpstreamClient(UpstreamClient.httpClient(Duration.ofSeconds(5)), new RequestCeiling(1000, 8),
                new CircuitBreaker(100, 10_000, 0.5, Duration.ofSeconds(1), Duration.ofSeconds(1)), Duration.ofSeconds(20),
                new UpstreamClient.Retry(1, Duration.ZERO, 1, Duration.ZERO), contract::carriesPage, contract.maxPageBytes(), false);
    }
}
