package dev.hexsnap.diff.probe;

import com.sun.net.httpserver.HttpServer;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.upstream.CircuitBreaker;
import dev.hexsnap.core.upstream.RequestCeiling;
import dev.hexsnap.core.upstream.UpstreamClient;
import dev.hexsnap.core.upstream.UpstreamPages;
import dev.hexsnap.core.upstream.UpstreamSettings;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.similarity.PageContent;
import dev.hexsnap.diff.similarity.Similarity;
import dev.hexsnap.diff.similarity.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which pages the hexagon diff compares at a point, against a scripted upstream on loopback that
 * answers in the hexsnap-v1 shape: home offers fresh food and pharmacy everywhere; each channel
 * page shows one store.
 */
class HexagonProbeTests {

    private static final HexGrid GRID = HexGrid.shared();
    private static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    private static final Instant AT = Instant.parse("2026-11-23T04:00:00Z");
    private static final UpstreamContract V1 = UpstreamContract.load(UpstreamContract.DEFAULT);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;

    static LocationPage page(String kind, Channel channel, List<Channel> entries, LatLng at, String... stores) {
        List<StoreCard> cards = Arrays.stream(stores).map(id -> new StoreCard(id, id, null, List.of(), 4.8, 100,
                500, 30, 0, 0, StoreCard.OPEN, List.of())).toList();
        List<LocationPage.ChannelEntry> channelEntries = entries.stream()
                .map(c -> new LocationPage.ChannelEntry(c.id(), c.id(), null)).toList();
        return new LocationPage(kind, channel == null ? null : channel.id(), "generic", "day", at.lat(), at.lng(),
                true, AT, List.of(new LocationPage.Floor("channels", "channels", "Channels", null, channelEntries, null, null),
                new LocationPage.Floor("stores", "stores", "Nearby", null, null, cards, null)));
    }

    /** A page read back as the diff reads stored pages: through the contract. */
    static PageContent stored(LocationPage page) {
        return PageContent.of(V1.location(PageKind.valueOf(page.kind().toUpperCase()), JSON.writeValueAsBytes(page), null));
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/pages/", exchange -> {
            try (exchange) {
                Map<String, String> query = new HashMap<>();
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
                // The page echoes the point it was asked for, as the contract checks.
                LatLng at = new LatLng(Double.parseDouble(query.get("lat")), Double.parseDouble(query.get("lng")));
                String path = exchange.getRequestURI().getPath();
                LocationPage page = path.endsWith("/home")
                        ? page("home", null, List.of(Channel.FRESH, Channel.PHARMACY), at, "s1", "s2")
                        : path.endsWith("/fresh") ? page("channel", Channel.FRESH, List.of(), at, "s1")
                        : page("channel", Channel.PHARMACY, List.of(), at, "s2");
                byte[] body = JSON.writeValueAsBytes(page);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private UpstreamPages upstream() {
        UpstreamClient client = new UpstreamClient(UpstreamClient.httpClient(Duration.ofSeconds(2)), new RequestCeiling(1000, 16),
                new CircuitBreaker(100, 20, 0.5, Duration.ofSeconds(1), Duration.ofMinutes(1)), Duration.ofSeconds(5),
                new UpstreamClient.Retry(1, Duration.ZERO, 1, Duration.ZERO), V1::carriesPage, V1.maxPageBytes(), false);
        return new UpstreamPages(V1, client, URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                new UpstreamSettings(UpstreamContract.DEFAULT, "generic", 20), false);
    }

    @Test
    void aChannelOfferedLiveThatTheSnapshotLacksIsScoredAsNoSnapshot() {
        long cell = GRID.cellOf(SHANGHAI, 8);
        HotCell hot = new HotCell(8, cell, "shanghai", GRID.center(cell), GRID.center(cell), 10);
        // The hotspot saw only fresh food: the snapshot has no pharmacy page.
        StoredCell stored = new StoredCell(hot,
                stored(page("home", null, List.of(Channel.FRESH, Channel.PHARMACY), SHANGHAI, "s1", "s2")),
                Map.of(Channel.FRESH.id(), stored(page("channel", Channel.FRESH, List.of(), SHANGHAI, "s1"))), Set.of("s1", "s2"));

        List<PageProbe> probes = new HexagonProbe(upstream(), GRID, new Similarity(0.5), 0.02)
                .probe(List.of(stored), AT, null);

        Map<String, Set<Verdict>> verdicts = probes.stream().collect(Collectors.groupingBy(PageProbe::page,
                Collectors.mapping(p -> p.comparison().verdict(), Collectors.toSet())));
        assertThat(verdicts).containsOnlyKeys("home", Channel.FRESH.id(), Channel.PHARMACY.id());
        assertThat(verdicts.get("home")).containsExactly(Verdict.COMPARED);
        assertThat(verdicts.get(Channel.FRESH.id())).containsExactly(Verdict.COMPARED);
        assertThat(verdicts.get(Channel.PHARMACY.id())).containsExactly(Verdict.NO_SNAPSHOT);
        assertThat(probes).hasSize(7 * 3);
        assertThat(probes).filteredOn(p -> p.page().equals(Channel.PHARMACY.id()))
                .allSatisfy(p -> assertThat(p.comparison().similarity()).isZero());
    }
}
