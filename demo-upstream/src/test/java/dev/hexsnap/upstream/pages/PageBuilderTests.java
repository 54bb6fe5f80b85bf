package dev.hexsnap.upstream.pages;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.LocationPage.Floor;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.upstream.world.Geohash;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.Moment;
import dev.hexsnap.upstream.world.Store;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldSpec;
import dev.hexsnap.upstream.world.WorldTime;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class PageBuilderTests {

    static final Instant NOON = Instant.parse("2026-11-23T04:00:00Z");        // 12:00 in Shanghai
    static final Instant LATE = Instant.parse("2026-11-23T15:30:00Z");        // 23:30 in Shanghai
    static final Moment DAY = WorldTime.DEFAULT.at(NOON);
    static final Moment NIGHT = WorldTime.DEFAULT.at(LATE);
    // Downtown Shanghai (the second core city).
    static final double LAT = 31.2304, LNG = 121.4737;

    static final World WORLD = World.generate(new WorldSpec(42, CityCatalog.bundled().core(3), 1.0));
    static final PageBuilder PAGES = new PageBuilder(WORLD, GisGrid.standard(), 600_000, 400_000);
    /** Pages for the exact point: for the tests about exact delivery-area coverage. */
    static final PageBuilder EXACT = new PageBuilder(WORLD, GisGrid.exact(), 20_000, 10_000);
    static final PageJson JSON = new PageJson();

    @Test
    void theSameSeedGivesByteIdenticalPagesAndAnotherSeedOtherPages() {
        PageBuilder again = new PageBuilder(World.generate(new WorldSpec(42, CityCatalog.bundled().core(3), 1.0)), GisGrid.standard(), 600_000, 400_000);
        PageBuilder other = new PageBuilder(World.generate(new WorldSpec(43, CityCatalog.bundled().core(3), 1.0)), GisGrid.standard(), 600_000, 400_000);

        byte[] home = JSON.write(PAGES.home(LAT, LNG, "generic", DAY));
        assertThat(JSON.write(again.home(LAT, LNG, "generic", DAY))).isEqualTo(home);
        assertThat(JSON.write(again.channel(Channel.FRESH, LAT, LNG, "u1", NIGHT))).isEqualTo(JSON.write(PAGES.channel(Channel.FRESH, LAT, LNG, "u1", NIGHT)));
        Store store = WORLD.covering(LAT, LNG).getFirst();
        StoreCategoriesPage tree = PAGES.categories(store.id(), DAY).orElseThrow();
        assertThat(JSON.write(again.categories(store.id(), DAY).orElseThrow())).isEqualTo(JSON.write(tree));
        String leaf = tree.leaves().getFirst().categoryId();
        assertThat(JSON.write(again.products(again.world().store(store.id()).orElseThrow(), leaf, 1, 20, DAY).orElseThrow()))
                .isEqualTo(JSON.write(PAGES.products(store, leaf, 1, 20, DAY).orElseThrow()));

        assertThat(Arrays.equals(JSON.write(other.home(LAT, LNG, "generic", DAY)), home)).isFalse();
    }

    @Test
    void aStoreAppearsIfAndOnlyIfItsDeliveryAreaCoversThePointsGisCell() {
        PageBuilder pages = new PageBuilder(WORLD, GisGrid.standard(), 20_000, 10_000);
        Random random = new Random(11);
        int differsFromThePoint = 0;
        for (int i = 0; i < 200; i++) {
            double lat = LAT + (random.nextDouble() - 0.5) * 0.4;
            double lng = LNG + (random.nextDouble() - 0.5) * 0.4;
            Geohash cell = Geohash.of(lat, lng, GisGrid.DEFAULT_PRECISION);
            LatLng centre = cell.centre();
            List<Store> covering = WORLD.covering(centre.lat(), centre.lng());

            LocationPage home = pages.home(lat, lng, "generic", DAY);

            assertThat(home.lat()).as("the page names the point asked for").isEqualTo(lat);
            assertThat(home.lng()).isEqualTo(lng);
            assertCoveringStoresAndChannels(pages, home, covering, lat, lng);
            differsFromThePoint += ids(covering).equals(ids(WORLD.covering(lat, lng))) ? 0 : 1;
        }
        // The cell, not the point, decides: near the edge of a delivery area the two disagree.
        assertThat(differsFromThePoint).isGreaterThan(0);
    }

    @Test
    void inExactModeAStoreAppearsIfAndOnlyIfItsDeliveryAreaCoversThePoint() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            double lat = LAT + (random.nextDouble() - 0.5) * 0.4;
            double lng = LNG + (random.nextDouble() - 0.5) * 0.4;
            List<Store> covering = WORLD.covering(lat, lng);

            LocationPage home = EXACT.home(lat, lng, "generic", DAY);

            assertCoveringStoresAndChannels(EXACT, home, covering, lat, lng);
        }
    }

    @Test
    void everyPointOfOneGisCellGetsByteIdenticalGenericPages() {
        Random random = new Random(5);
        Geohash cell = Geohash.of(LAT, LNG, GisGrid.DEFAULT_PRECISION);
        byte[] home = JSON.write(withoutPoint(PAGES.home(LAT, LNG, "generic", DAY)));
        byte[] fresh = JSON.write(withoutPoint(PAGES.channel(Channel.FRESH, LAT, LNG, "generic", NIGHT)));
        byte[] alice = JSON.write(withoutPoint(PAGES.home(LAT, LNG, "alice", DAY)));
        int storesSeenAtThePoints = 0;
        for (int i = 0; i < 20; i++) {
            // corners first (the cell's extremes), then random points inside it
            double lat = i < 4 ? (i % 2 == 0 ? cell.minLat() : Math.nextDown(cell.maxLat()))
                    : cell.minLat() + random.nextDouble() * (cell.maxLat() - cell.minLat());
            double lng = i < 4 ? (i / 2 == 0 ? cell.minLng() : Math.nextDown(cell.maxLng()))
                    : cell.minLng() + random.nextDouble() * (cell.maxLng() - cell.minLng());
            assertThat(PAGES.locate(lat, lng).cell()).isEqualTo(cell.hash());

            assertThat(JSON.write(withoutPoint(PAGES.home(lat, lng, "generic", DAY)))).isEqualTo(home);
            assertThat(JSON.write(withoutPoint(PAGES.channel(Channel.FRESH, lat, lng, "generic", NIGHT)))).isEqualTo(fresh);
            // a personalised floor depends on the account and the cell, not on the point either
            assertThat(JSON.write(withoutPoint(PAGES.home(lat, lng, "alice", DAY)))).isEqualTo(alice);
            storesSeenAtThePoints += ids(WORLD.covering(lat, lng)).size();
        }
        assertThat(storesSeenAtThePoints).isPositive();
    }

    @Test
    void aGisCellsPageIsTheExactPageAtTheCellsCentre() {
        PageBuilder exact = new PageBuilder(WORLD, GisGrid.exact(), 600_000, 400_000);
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            double lat = LAT + (random.nextDouble() - 0.5) * 0.2;
            double lng = LNG + (random.nextDouble() - 0.5) * 0.2;
            LatLng centre = Geohash.of(lat, lng, GisGrid.DEFAULT_PRECISION).centre();

            LocationPage perCell = PAGES.home(lat, lng, "generic", DAY);
            LocationPage atCentre = exact.home(centre.lat(), centre.lng(), "generic", DAY);

            // distances and ranking measured from the centre, the same products
            assertThat(JSON.write(withoutPoint(perCell))).isEqualTo(JSON.write(withoutPoint(atCentre)));
        }
    }

    @Test
    void neighbouringGisCellsCanShowDifferentStores() {
        int differing = 0;
        Geohash cell = Geohash.of(LAT, LNG, GisGrid.DEFAULT_PRECISION);
        double width = Geohash.widthDegrees(GisGrid.DEFAULT_PRECISION);
        LatLng centre = cell.centre();
        for (int step = 1; step <= 8; step++) {
            LocationPage here = PAGES.home(centre.lat(), centre.lng() + (step - 1) * width, "generic", DAY);
            LocationPage east = PAGES.home(centre.lat(), centre.lng() + step * width, "generic", DAY);
            differing += storeCards(here).stream().sorted().toList().equals(storeCards(east).stream().sorted().toList()) ? 0 : 1;
        }
        assertThat(differing).as("of 8 steps of one cell east downtown").isGreaterThan(0);
    }

    private static void assertCoveringStoresAndChannels(PageBuilder pages, LocationPage home, List<Store> covering, double lat, double lng) {
        assertThat(home.serviceable()).isEqualTo(!covering.isEmpty());
        assertThat(storeCards(home)).containsExactlyInAnyOrderElementsOf(ids(covering));
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        covering.forEach(s -> channels.addAll(s.channels()));
        assertThat(home.channelEntries()).containsExactlyInAnyOrderElementsOf(channels);
        // Products come only from covering stores that are open.
        Set<String> open = new HashSet<>(covering.stream().filter(s -> s.isOpenAt(DAY)).map(Store::id).toList());
        assertThat(products(home)).allSatisfy(p -> assertThat(open).contains(p.storeId()));
        for (Channel channel : Channel.values()) {
            LocationPage page = pages.channel(channel, lat, lng, "generic", DAY);
            List<String> expected = covering.stream().filter(s -> s.sells(channel)).map(Store::id).toList();
            assertThat(page.serviceable()).isEqualTo(!expected.isEmpty());
            assertThat(storeCards(page)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static List<String> ids(List<Store> stores) {
        return stores.stream().map(Store::id).sorted().toList();
    }

    /** The page without the point it was asked for, which it echoes. */
    static LocationPage withoutPoint(LocationPage page) {
        return new LocationPage(page.kind(), page.channel(), page.account(), page.slot(), 0, 0, page.serviceable(),
                page.generatedAt(), page.floors());
    }

    @Test
    void aPointNoStoreCoversGetsARealNotServiceablePage() {
        LocationPage page = PAGES.home(42.5, 101.0, "generic", DAY);

        assertThat(page.serviceable()).isFalse();
        assertThat(page.isEmpty()).isFalse();
        assertThat(page.storeIds()).isEmpty();
        assertThat(page.floors()).extracting(Floor::type).containsExactly("banners");
    }

    @Test
    void nightPagesDifferFromDayPages() {
        LocationPage day = PAGES.home(LAT, LNG, "generic", DAY);
        LocationPage night = PAGES.home(LAT, LNG, "generic", NIGHT);

        assertThat(day.slot()).isEqualTo("day");
        assertThat(night.slot()).isEqualTo("night");
        // Same stores (the same delivery areas), but some of them are closed at night...
        assertThat(storeCards(night)).containsExactlyInAnyOrderElementsOf(storeCards(day));
        List<StoreCard> nightCards = cards(night);
        assertThat(nightCards).anySatisfy(c -> assertThat(c.status()).isEqualTo(StoreCard.CLOSED_NOW));
        assertThat(nightCards).anySatisfy(c -> assertThat(c.status()).isEqualTo(StoreCard.OPEN));
        // ...so night products come from fewer stores, and the floors are night floors.
        Set<String> openAtNight = new HashSet<>(nightCards.stream().filter(c -> c.status().equals(StoreCard.OPEN)).map(StoreCard::storeId).toList());
        assertThat(products(night)).allSatisfy(p -> assertThat(openAtNight).contains(p.storeId()));
        assertThat(products(night).stream().map(ProductCard::skuId).toList()).isNotEqualTo(products(day).stream().map(ProductCard::skuId).toList());

        // Night menus: a supermarket's tree has late-night snacks at night and breakfast by day.
        Store market = WORLD.stores().stream().filter(s -> s.primaryChannel() == Channel.SUPERMARKET).findFirst().orElseThrow();
        List<String> dayTops = PAGES.categories(market.id(), DAY).orElseThrow().categories().stream().map(StoreCategoriesPage.Category::name).toList();
        List<String> nightTops = PAGES.categories(market.id(), NIGHT).orElseThrow().categories().stream().map(StoreCategoriesPage.Category::name).toList();
        assertThat(dayTops).contains("早餐面点").doesNotContain("夜宵速食");
        assertThat(nightTops).contains("夜宵速食").doesNotContain("早餐面点");
    }

    @Test
    void anAccountGetsAPersonalFloorAndTheGenericAccountDoesNot() {
        LocationPage generic = PAGES.home(LAT, LNG, "generic", DAY);
        LocationPage alice = PAGES.home(LAT, LNG, "alice", DAY);
        LocationPage bob = PAGES.home(LAT, LNG, "bob", DAY);

        assertThat(generic.floors()).noneSatisfy(f -> assertThat(f.type()).isEqualTo("personal"));
        Floor alicePersonal = alice.floors().stream().filter(f -> f.type().equals("personal")).findFirst().orElseThrow();
        Floor bobPersonal = bob.floors().stream().filter(f -> f.type().equals("personal")).findFirst().orElseThrow();
        assertThat(alicePersonal.products()).isNotEmpty();
        assertThat(alicePersonal.products()).isNotEqualTo(bobPersonal.products());
        assertThat(alice.account()).isEqualTo("alice");
        // Everything but the personal floor is what everyone sees.
        assertThat(storeCards(alice)).isEqualTo(storeCards(generic));
        assertThat(alice.channelEntries()).isEqualTo(generic.channelEntries());
    }

    @Test
    void pagesReachTheirTargetSizeWithTheEntropyOfRealData() throws IOException {
        byte[] home = JSON.write(PAGES.home(LAT, LNG, "generic", DAY));
        byte[] channel = JSON.write(PAGES.channel(Channel.SUPERMARKET, LAT, LNG, "generic", DAY));

        assertThat(home.length).isBetween(580_000, 620_000);
        assertThat(channel.length).isBetween(385_000, 415_000);
        // Real product data compresses about 4-6 times; repeated filler would compress 20 times or more.
        assertThat((double) home.length / gzip(home).length).isBetween(3.0, 8.0);

        PageBuilder small = new PageBuilder(WORLD, GisGrid.standard(), 5_000, 5_000);
        LocationPage tiny = small.home(LAT, LNG, "generic", DAY);
        int storesBytes = cards(tiny).stream().mapToInt(JsonSizes::store).sum();
        // A tiny target still shows every covering store, the banners, the channels and 8 products.
        assertThat(JSON.write(tiny).length).isLessThan(Math.max(5_000, storesBytes + 5_500));
        assertThat(products(tiny)).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void aDayLaterThePageMostlyOverlapsButHasDrifted() {
        Moment tomorrow = WorldTime.DEFAULT.at(NOON.plus(Duration.ofDays(1)));
        Moment nextHour = WorldTime.DEFAULT.at(NOON.plus(Duration.ofHours(1)));
        List<ProductCard> today = products(PAGES.home(LAT, LNG, "generic", DAY));
        List<ProductCard> later = products(PAGES.home(LAT, LNG, "generic", tomorrow));

        Set<String> todayIds = new HashSet<>(today.stream().map(ProductCard::skuId).toList());
        long kept = later.stream().filter(p -> todayIds.contains(p.skuId())).count();
        assertThat((double) kept / later.size()).as("share of products still shown a day later").isBetween(0.6, 0.98);

        // Stock moves by the hour.
        Store store = WORLD.covering(LAT, LNG).getFirst();
        String leaf = PAGES.categories(store.id(), DAY).orElseThrow().leaves().getFirst().categoryId();
        List<Integer> stockNow = PAGES.products(store, leaf, 1, 20, DAY).orElseThrow().products().stream().map(ProductCard::stock).toList();
        List<Integer> stockLater = PAGES.products(store, leaf, 1, 20, nextHour).orElseThrow().products().stream().map(ProductCard::stock).toList();
        assertThat(stockLater).isNotEqualTo(stockNow);
    }

    @Test
    void categoryTreesDriftRarely() {
        Moment nextWeek = WorldTime.DEFAULT.at(NOON.plus(Duration.ofDays(7)));
        Moment tomorrow = WorldTime.DEFAULT.at(NOON.plus(Duration.ofDays(1)));
        int leaves = 0;
        int kept = 0;
        boolean anyChange = false;
        for (Store store : WORLD.stores().subList(0, 100)) {
            List<String> now = leafIds(PAGES.categories(store.id(), DAY).orElseThrow());
            List<String> week = leafIds(PAGES.categories(store.id(), nextWeek).orElseThrow());
            assertThat(leafIds(PAGES.categories(store.id(), tomorrow).orElseThrow())).as("same week, same tree").isEqualTo(now);
            leaves += now.size();
            kept += (int) now.stream().filter(week::contains).count();
            anyChange |= !now.equals(week);
        }
        assertThat(anyChange).isTrue();
        assertThat((double) kept / leaves).isBetween(0.9, 0.995);
    }

    @Test
    void productPagesSplitTheCategoryWithoutDuplicates() {
        Store store = WORLD.stores().stream().filter(s -> s.size() == Store.SizeClass.LARGE).findFirst().orElseThrow();
        StoreCategoriesPage tree = PAGES.categories(store.id(), DAY).orElseThrow();
        StoreCategoriesPage.Category leaf = tree.leaves().stream().filter(c -> c.productCount() > 20).findFirst().orElseThrow();

        StoreProductsPage first = PAGES.products(store, leaf.categoryId(), 1, 20, DAY).orElseThrow();
        List<String> skus = new ArrayList<>();
        for (int page = 1; page <= first.totalPages(); page++) {
            PAGES.products(store, leaf.categoryId(), page, 20, DAY).orElseThrow().products().forEach(p -> skus.add(p.skuId()));
        }
        StoreProductsPage beyond = PAGES.products(store, leaf.categoryId(), first.totalPages() + 1, 20, DAY).orElseThrow();

        assertThat(first.totalProducts()).isEqualTo(leaf.productCount());
        assertThat(skus).hasSize(leaf.productCount()).doesNotHaveDuplicates();
        assertThat(beyond.products()).isEmpty();
        assertThat(beyond.totalProducts()).isEqualTo(leaf.productCount());
        assertThat(first.products()).allSatisfy(p -> {
            assertThat(p.storeId()).isEqualTo(store.id());
            assertThat(p.priceCents()).isPositive().isLessThanOrEqualTo(p.originalPriceCents());
            assertThat(p.status()).isIn("on-sale", "sold-out", "off-shelf");
            assertThat(p.image()).startsWith("https://img.o2o-demo.example/sku/").endsWith(".jpg?w=360");
        });
        assertThat(PAGES.products(store, "c999-9", 1, 20, DAY)).isEmpty();
    }

    @Test
    void theFastCardSerialisersWriteExactlyWhatJacksonWouldByDefault() {
        var plain = tools.jackson.databind.json.JsonMapper.builder().build();
        LocationPage page = PAGES.home(LAT, LNG, "alice", NIGHT);

        assertThat(JSON.write(page)).isEqualTo(plain.writeValueAsBytes(page));
    }

    static List<String> leafIds(StoreCategoriesPage page) {
        return page.leaves().stream().map(StoreCategoriesPage.Category::categoryId).toList();
    }

    static List<StoreCard> cards(LocationPage page) {
        return page.floors().stream().filter(f -> f.type().equals("stores")).flatMap(f -> f.stores().stream()).toList();
    }

    static List<String> storeCards(LocationPage page) {
        return cards(page).stream().map(StoreCard::storeId).toList();
    }

    static List<ProductCard> products(LocationPage page) {
        return page.floors().stream().filter(f -> f.type().equals("products")).flatMap(f -> f.products().stream()).toList();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
