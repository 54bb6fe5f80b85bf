package dev.hexsnap.diff.probe;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.core.upstream.RequestCeiling;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.similarity.PageContent;
import dev.hexsnap.diff.similarity.Similarity;
import dev.hexsnap.diff.similarity.Verdict;
import dev.hexsnap.diff.upstream.UpstreamPages;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pages the hexagon diff compares at a point, against a scripted upstream (no servers involved). */
class HexagonProbeTests {

    private static final HexGrid GRID = HexGrid.shared();
    private static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    private static final Instant AT = Instant.parse("2026-11-23T04:00:00Z");

    static LocationPage page(String kind, Channel channel, List<Channel> entries, String... stores) {
        List<StoreCard> cards = Arrays.stream(stores).map(id -> new StoreCard(id, id, null, List.of(), 4.8, 100,
                500, 30, 0, 0, StoreCard.OPEN, List.of())).toList();
        List<LocationPage.ChannelEntry> channelEntries = entries.stream()
                .map(c -> new LocationPage.ChannelEntry(c.id(), c.id(), null)).toList();
        return new LocationPage(kind, channel == null ? null : channel.id(), "generic", "day", SHANGHAI.lat(), SHANGHAI.lng(),
                true, AT, List.of(new LocationPage.Floor("channels", "channels", "Channels", null, channelEntries, null, null),
                new LocationPage.Floor("stores", "stores", "Nearby", null, null, cards, null)));
    }

    /** Live: home offers fresh food and pharmacy everywhere; each channel page shows one store. */
    static final class ScriptedUpstream implements UpstreamPages {
        private final RequestCeiling ceiling = new RequestCeiling(1000, 16);

        @Override
        public LocationPage home(LatLng point, Instant at) {
            return page("home", null, List.of(Channel.FRESH, Channel.PHARMACY), "s1", "s2");
        }

        @Override
        public LocationPage channel(Channel channel, LatLng point, Instant at) {
            return page("channel", channel, List.of(), channel == Channel.FRESH ? "s1" : "s2");
        }

        @Override
        public StoreCategoriesPage categories(String storeId, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoreProductsPage products(String storeId, String categoryId, int page, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RequestCeiling ceiling() {
            return ceiling;
        }

        @Override
        public Failures failures() {
            return new Failures(0, 0);
        }
    }

    @Test
    void aChannelOfferedLiveThatTheSnapshotLacksIsScoredAsNoSnapshot() {
        long cell = GRID.cellOf(SHANGHAI, 8);
        HotCell hot = new HotCell(8, cell, "shanghai", GRID.center(cell), GRID.center(cell), 10);
        // The hotspot saw only fresh food: the snapshot has no pharmacy page.
        StoredCell stored = new StoredCell(hot,
                PageContent.of(page("home", null, List.of(Channel.FRESH, Channel.PHARMACY), "s1", "s2")),
                Map.of(Channel.FRESH, PageContent.of(page("channel", Channel.FRESH, List.of(), "s1"))), Set.of("s1", "s2"));

        List<PageProbe> probes = new HexagonProbe(new ScriptedUpstream(), GRID, new Similarity(0.5), 0.02)
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
