package dev.hexsnap.upstream.world;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.region.Region;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class WorldTests {

    static final World WORLD = World.generate(new WorldSpec(42, CityCatalog.bundled().core(3), 1.0));

    @Test
    void theSameSeedGivesTheSameWorld() {
        World again = World.generate(new WorldSpec(42, CityCatalog.bundled().core(3), 1.0));

        assertThat(again.stores()).hasSameSizeAs(WORLD.stores());
        for (int i = 0; i < WORLD.stores().size(); i++) {
            Store a = WORLD.stores().get(i);
            Store b = again.stores().get(i);
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.location()).isEqualTo(a.location());
            assertThat(b.area().outline()).isEqualTo(a.area().outline());
            assertThat(b.hours()).isEqualTo(a.hours());
            assertThat(b.channels()).isEqualTo(a.channels());
        }
    }

    @Test
    void anotherSeedGivesAnotherWorld() {
        World other = World.generate(new WorldSpec(43, CityCatalog.bundled().core(3), 1.0));

        int n = Math.min(other.stores().size(), WORLD.stores().size());
        long samePlace = 0;
        for (int i = 0; i < n; i++) {
            samePlace += other.stores().get(i).location().equals(WORLD.stores().get(i).location()) ? 1 : 0;
        }
        assertThat(samePlace).isZero();
    }

    @Test
    void storesAreDenserDowntownThanInTheSuburbs() {
        for (CityLayout layout : WORLD.layouts()) {
            LatLng centre = layout.city().centre();
            List<Double> distancesKm = WORLD.stores().stream().filter(s -> s.city().equals(layout.city()))
                    .map(s -> s.location().distanceMetres(centre) / 1000).toList();
            double downtown = distancesKm.stream().filter(d -> d < 5).count() / (Math.PI * 25);
            double suburbs = distancesKm.stream().filter(d -> d >= 10 && d < 18).count() / (Math.PI * (18 * 18 - 10 * 10));

            assertThat(downtown).as(layout.city().slug() + " stores/km² downtown vs suburbs").isGreaterThan(4 * suburbs);
            assertThat(suburbs).as(layout.city().slug() + " suburbs still have stores").isGreaterThan(0);
        }
    }

    @Test
    void deliveryAreasAreIrregularPolygonsOfAboutThreeKilometres() {
        double sumOfMeans = 0;
        for (Store store : WORLD.stores()) {
            List<Double> radii = store.area().outline().stream().map(p -> p.distanceMetres(store.location()) / 1000).toList();
            double mean = radii.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double min = radii.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = radii.stream().mapToDouble(Double::doubleValue).max().orElseThrow();

            assertThat(radii.size()).isBetween(14, 24);
            assertThat(mean).as(store.id() + " mean radius km").isBetween(1.5, 5.0);
            // Not a circle: the farthest corner is well beyond the nearest one.
            assertThat(min / max).as(store.id() + " min/max radius").isLessThan(0.9);
            assertThat(store.area().contains(store.location().lat(), store.location().lng())).isTrue();
            sumOfMeans += mean;
        }
        assertThat(sumOfMeans / WORLD.stores().size()).isBetween(2.5, 3.5);
    }

    @Test
    void aStoreCoversAPointExactlyWhenItsPolygonContainsThePoint() {
        Random random = new Random(7);
        int covered = 0;
        for (int i = 0; i < 3000; i++) {
            CityLayout layout = WORLD.layouts().get(random.nextInt(WORLD.layouts().size()));
            LatLng centre = layout.city().centre();
            double lat = centre.lat() + (random.nextDouble() - 0.5) * 0.5;
            double lng = centre.lng() + (random.nextDouble() - 0.5) * 0.5;
            LatLng point = new LatLng(lat, lng);

            // Checked with core's polygon test, an implementation independent of the index's.
            List<String> expected = WORLD.stores().stream()
                    .filter(s -> new Region.Polygon(s.area().outline()).contains(point)).map(Store::id).sorted().toList();
            List<String> found = WORLD.covering(lat, lng).stream().map(Store::id).sorted().toList();

            assertThat(found).as(point.toString()).isEqualTo(expected);
            covered += found.isEmpty() ? 0 : 1;
        }
        assertThat(covered).as("points with at least one store").isBetween(300, 2900);
    }

    @Test
    void storesHaveChannelsOpeningHoursAndSomeAreClosedAtNightOrForGood() {
        Moment night = WorldTime.DEFAULT.at(Instant.parse("2026-11-23T15:30:00Z"));
        Moment day = WorldTime.DEFAULT.at(Instant.parse("2026-11-23T04:00:00Z"));
        List<Store> stores = WORLD.stores();

        assertThat(stores.stream().flatMap(s -> s.channels().stream()).collect(Collectors.toSet())).containsExactlyInAnyOrder(Channel.values());
        long closedForGood = stores.stream().filter(Store::closedForGood).count();
        assertThat(closedForGood).isBetween(stores.size() / 100L, stores.size() / 15L);
        long openByDay = stores.stream().filter(s -> s.isOpenAt(day)).count();
        long openAtNight = stores.stream().filter(s -> s.isOpenAt(night)).count();
        assertThat(openByDay).isGreaterThan(stores.size() * 9L / 10);
        assertThat(openAtNight).isBetween(stores.size() / 10L, openByDay * 2 / 3);
        assertThat(stores.stream().filter(s -> s.channels().size() > 1).count()).isGreaterThan(stores.size() / 10L);
    }

    @Test
    void largeStoresHaveHundredsOfLeafCategoriesInThreeLevels() {
        Moment day = WorldTime.DEFAULT.at(Instant.parse("2026-11-23T04:00:00Z"));
        Store large = WORLD.stores().stream().filter(s -> s.size() == Store.SizeClass.LARGE).findFirst().orElseThrow();
        Store small = WORLD.stores().stream().filter(s -> s.size() == Store.SizeClass.SMALL).findFirst().orElseThrow();

        var largeTree = WORLD.catalog(large).tree(day);
        assertThat(WORLD.catalog(large).visibleLeaves(day).size()).isGreaterThanOrEqualTo(100);
        assertThat(largeTree.getFirst().children().getFirst().children()).as("third level").isNotEmpty();
        var smallTree = WORLD.catalog(small).tree(day);
        assertThat(smallTree.getFirst().children()).isNotEmpty();
        assertThat(smallTree.getFirst().children().getFirst().children()).as("two levels only").isEmpty();
        assertThat(WORLD.catalog(small).visibleLeaves(day).size()).isLessThan(40);
    }

    @Test
    void aChannelsRecommendationsComeFromThatChannelsCategoriesOnly() {
        Moment day = WorldTime.DEFAULT.at(Instant.parse("2026-11-23T04:00:00Z"));
        Store store = WORLD.stores().stream().filter(s -> s.channels().size() >= 2 && s.isOpenAt(day)).findFirst().orElseThrow();
        ProductFactory products = new ProductFactory(World.IMAGE_HOST);
        StoreCatalog catalog = WORLD.catalog(store);

        boolean anyOutside = false;
        for (Channel channel : store.channels()) {
            Set<String> ofChannel = new HashSet<>();
            for (StoreCatalog.Leaf leaf : catalog.visibleLeaves(day)) {
                if (leaf.channel() == channel) {
                    for (int i = 0; i < catalog.productCount(leaf, day); i++) {
                        ofChannel.add(products.product(store, leaf, i, day).skuId());
                    }
                }
            }
            List<ProductCard> picked = WORLD.recommended(store, channel, day, World.salt(channel.id()), 40);
            assertThat(picked).as("%s of %s", channel, store.id()).isNotEmpty()
                    .allSatisfy(p -> assertThat(ofChannel).contains(p.skuId()));
            anyOutside |= WORLD.recommended(store, null, day, World.salt(channel.id()), 40).stream()
                    .anyMatch(p -> !ofChannel.contains(p.skuId()));
        }
        assertThat(anyOutside).as("the home page's picks span the store's channels").isTrue();
    }
}
