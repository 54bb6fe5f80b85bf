package dev.hexsnap.upstream.contract;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.LocationSummary;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreCategoriesSummary;
import dev.hexsnap.core.page.StoreProductsSummary;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.upstream.contract.CategoryFacts;
import dev.hexsnap.core.upstream.contract.LocationFacts;
import dev.hexsnap.core.upstream.contract.PageArgs;
import dev.hexsnap.core.upstream.contract.ProductFacts;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.upstream.pages.PageBuilder;
import dev.hexsnap.upstream.pages.PageJson;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.Moment;
import dev.hexsnap.upstream.world.Store;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldSpec;
import dev.hexsnap.upstream.world.WorldTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code hexsnap-v1} contract extracts from the demo world's pages exactly what the
 * hand-written reader did ({@link PageInspector}'s summaries): a few hundred pages of all four
 * kinds, day and night, open and closed stores, unserviceable points, and the empty answers of
 * the failure drills.
 */
class ContractExtractionTests {

    private static final World WORLD = World.generate(new WorldSpec(42, CityCatalog.bundled().core(3), 1.0));
    private static final PageBuilder PAGES = new PageBuilder(WORLD, GisGrid.standard(), 20_000, 12_000);
    private static final PageJson JSON = new PageJson();
    private static final PageInspector HAND_WRITTEN = new PageInspector();
    private static final UpstreamContract V1 = UpstreamContract.load(UpstreamContract.DEFAULT);
    private static final int SIZE = 20;

    /** The pages of a run, each with the arguments it was asked with. */
    record Sample(PageKind kind, byte[] json, PageArgs args) {
    }

    static List<Sample> demoPages() {
        List<Sample> samples = new ArrayList<>();
        Random random = new Random(7);
        List<City> cities = CityCatalog.bundled().core(3);
        for (Instant instant : List.of(Instant.parse("2026-11-23T04:00:00Z"), Instant.parse("2026-11-23T15:30:00Z"))) {
            Moment moment = WorldTime.DEFAULT.at(instant);
            Set<String> storeIds = new LinkedHashSet<>();
            for (int i = 0; i < 36; i++) {
                City city = cities.get(i % cities.size());
                // Most points in town; every sixth far out, where nobody delivers.
                double spread = i % 6 == 5 ? 3.0 : 0.25;
                LatLng point = new LatLng(city.centre().lat() + (random.nextDouble() - 0.5) * spread,
                        city.centre().lng() + (random.nextDouble() - 0.5) * spread);
                LocationPage home = PAGES.home(point.lat(), point.lng(), "generic", moment);
                samples.add(new Sample(PageKind.HOME, JSON.write(home), PageArgs.home(point, "generic", instant)));
                storeIds.addAll(home.storeIds());
                for (Channel channel : home.channelEntries().stream().limit(2).toList()) {
                    samples.add(new Sample(PageKind.CHANNEL, JSON.write(PAGES.channel(channel, point.lat(), point.lng(), "generic", moment)),
                            PageArgs.channel(channel.id(), point, "generic", instant)));
                }
                if (i % 9 == 0) {
                    samples.add(new Sample(PageKind.HOME, JSON.write(PAGES.emptyLocationPage(null, point.lat(), point.lng(), "generic", moment)),
                            PageArgs.home(point, "generic", instant)));
                    samples.add(new Sample(PageKind.CHANNEL, JSON.write(PAGES.emptyLocationPage(Channel.FRESH, point.lat(), point.lng(), "generic", moment)),
                            PageArgs.channel("fresh", point, "generic", instant)));
                }
            }
            // Stores shown, plus the closed ones of the world (3% are closed altogether).
            List<Store> stores = new ArrayList<>();
            storeIds.stream().limit(24).forEach(id -> stores.add(WORLD.store(id).orElseThrow()));
            WORLD.stores().stream().filter(s -> !"open".equals(s.statusAt(moment))).limit(6).forEach(stores::add);
            int n = 0;
            for (Store store : stores) {
                StoreCategoriesPage tree = PAGES.categories(store.id(), moment).orElseThrow();
                samples.add(new Sample(PageKind.STORE_CATEGORIES, JSON.write(tree), PageArgs.categories(store.id(), instant)));
                if (n++ % 5 == 0) {
                    samples.add(new Sample(PageKind.STORE_CATEGORIES, JSON.write(PAGES.emptyCategories(store, moment)),
                            PageArgs.categories(store.id(), instant)));
                }
                for (StoreCategoriesPage.Category leaf : tree.leaves().stream().limit(2).toList()) {
                    for (int page = 1; page <= 3; page++) {
                        int number = page;
                        PAGES.products(store, leaf.categoryId(), page, SIZE, moment).ifPresent(p -> samples.add(new Sample(
                                PageKind.STORE_PRODUCTS, JSON.write(p), PageArgs.products(store.id(), leaf.categoryId(), number, SIZE, instant))));
                    }
                    if (n % 4 == 0) {
                        samples.add(new Sample(PageKind.STORE_PRODUCTS, JSON.write(PAGES.emptyProducts(store, leaf.categoryId(), 1, SIZE, moment)),
                                PageArgs.products(store.id(), leaf.categoryId(), 1, SIZE, instant)));
                    }
                }
            }
        }
        return samples;
    }

    @Test
    void hexsnapV1ExtractsWhatTheHandWrittenReaderRead() {
        List<Sample> samples = demoPages();
        Map<PageKind, Integer> counts = new LinkedHashMap<>();
        int unserviceable = 0;
        int empty = 0;
        int closed = 0;
        for (Sample sample : samples) {
            counts.merge(sample.kind(), 1, Integer::sum);
            switch (sample.kind()) {
                case HOME, CHANNEL -> {
                    LocationSummary old = HAND_WRITTEN.locationSummary(sample.json());
                    LocationFacts facts = V1.location(sample.kind(), sample.json(), sample.args());
                    assertThat(location(facts)).as("%s %s", sample.kind(), sample.args()).isEqualTo(location(old));
                    unserviceable += old.serviceable() ? 0 : 1;
                    empty += old.empty() ? 1 : 0;
                }
                case STORE_CATEGORIES -> {
                    StoreCategoriesSummary old = HAND_WRITTEN.categoriesSummary(sample.json());
                    CategoryFacts facts = V1.categories(sample.json(), sample.args());
                    assertThat(tree(facts)).as("categories %s", sample.args()).isEqualTo(tree(old));
                    closed += facts.open() ? 0 : 1;
                    empty += old.empty() ? 1 : 0;
                }
                case STORE_PRODUCTS -> {
                    StoreProductsSummary old = HAND_WRITTEN.productsSummary(sample.json());
                    ProductFacts facts = V1.products(sample.json(), sample.args());
                    assertThat(List.of(facts.products().size(), facts.totalPages(), facts.empty()))
                            .as("products %s", sample.args()).isEqualTo(List.of(old.products(), old.totalPages(), old.empty()));
                    empty += old.empty() ? 1 : 0;
                }
            }
        }
        // Not vacuous: every kind, and every case the brief names, is in the sample.
        assertThat(samples).hasSizeGreaterThan(300);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(PageKind.values());
        assertThat(unserviceable).isPositive();
        assertThat(empty).isPositive();
        assertThat(closed).isPositive();
    }

    private static List<Object> location(LocationSummary old) {
        Map<String, String> statuses = new LinkedHashMap<>();
        old.stores().forEach(s -> statuses.put(s.storeId(), s.cardStatus()));
        return List.of(old.serviceable(), old.empty(), statuses, old.channelEntries().stream().map(Channel::id).toList());
    }

    private static List<Object> location(LocationFacts facts) {
        return List.of(facts.serviceable(), facts.empty(), facts.statuses(), facts.channels());
    }

    private static List<Object> tree(StoreCategoriesSummary old) {
        return List.of(String.valueOf(old.status()), old.empty(), old.leaves().stream().map(l -> l.categoryId() + ":" + l.productCount()).toList());
    }

    private static List<Object> tree(CategoryFacts facts) {
        return List.of(String.valueOf(facts.status()), facts.categories().isEmpty(),
                facts.leaves().stream().map(l -> l.id() + ":" + l.productCount()).toList());
    }
}
