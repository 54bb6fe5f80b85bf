package dev.hexsnap.upstream.contract;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
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
 * page model says of them, read whole by data binding ({@link PageInspector}): a few hundred pages
 * of all four kinds, day and night, open and closed stores, unserviceable points, and the empty
 * answers of the failure drills. (Until the contract replaced it, the hand-written streaming reader
 * was compared too, and agreed: commit 9746f63.)
 */
class ContractExtractionTests {

    private static final World WORLD = World.generate(new WorldSpec(42, CityCatalog.bundled().core(3), 1.0));
    private static final PageBuilder PAGES = new PageBuilder(WORLD, GisGrid.standard(), 20_000, 12_000);
    private static final PageJson JSON = new PageJson();
    private static final PageInspector MODEL = new PageInspector();
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
                    LocationPage page = MODEL.locationPage(sample.json());
                    LocationFacts facts = V1.location(sample.kind(), sample.json(), sample.args());
                    assertThat(location(facts)).as("%s %s", sample.kind(), sample.args()).isEqualTo(location(page));
                    unserviceable += page.serviceable() ? 0 : 1;
                    empty += page.isEmpty() ? 1 : 0;
                }
                case STORE_CATEGORIES -> {
                    StoreCategoriesPage page = MODEL.categories(sample.json());
                    CategoryFacts facts = V1.categories(sample.json(), sample.args());
                    assertThat(tree(facts)).as("categories %s", sample.args()).isEqualTo(tree(page));
                    closed += facts.open() ? 0 : 1;
                    empty += page.isEmpty() ? 1 : 0;
                }
                case STORE_PRODUCTS -> {
                    StoreProductsPage page = MODEL.products(sample.json());
                    ProductFacts facts = V1.products(sample.json(), sample.args());
                    assertThat(List.of(facts.products(), facts.totalPages(), facts.empty())).as("products %s", sample.args())
                            .isEqualTo(List.of(page.products().stream().map(ProductCard::skuId).toList(), page.totalPages(), page.isEmpty()));
                    empty += page.isEmpty() ? 1 : 0;
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

    /** What the model says of a location page: serviceable, empty, each store shown with its first card status, the channels offered. */
    private static List<Object> location(LocationPage page) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (LocationPage.Floor floor : page.floors()) {
            for (StoreCard card : floor.stores()) {
                statuses.merge(card.storeId(), card.status() == null ? "" : card.status(), (a, b) -> a.isEmpty() ? b : a);
            }
        }
        for (LocationPage.Floor floor : page.floors()) {
            for (ProductCard product : floor.products()) {
                statuses.putIfAbsent(product.storeId(), "");
            }
        }
        statuses.replaceAll((id, status) -> status.isEmpty() ? null : status);
        return List.of(page.serviceable(), page.isEmpty(), statuses, page.channelEntries().stream().map(Channel::id).toList(),
                page.floors().stream().flatMap(f -> f.products().stream()).map(ProductCard::skuId).toList());
    }

    private static List<Object> location(LocationFacts facts) {
        return List.of(facts.serviceable(), facts.empty(), facts.statuses(), facts.channels(), facts.products());
    }

    private static List<Object> tree(StoreCategoriesPage page) {
        return List.of(String.valueOf(page.status()), page.isEmpty(), page.leaves().stream().map(l -> l.categoryId() + ":" + l.productCount()).toList());
    }

    private static List<Object> tree(CategoryFacts facts) {
        return List.of(String.valueOf(facts.status()), facts.categories().isEmpty(),
                facts.leaves().stream().map(l -> l.id() + ":" + l.productCount()).toList());
    }
}
