package dev.hexsnap.upstream.world;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.region.City;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo O2O world: cities, their stores with delivery areas, opening hours and catalogs,
 * generated deterministically from a {@link WorldSpec}. Only stores are materialised (a few
 * thousand small objects); catalogs are built on first use and kept, products are computed on
 * demand from their identity and the moment. Thread-safe.
 */
public final class World {

    /** Where product, store and banner images live: a reserved domain, never resolved. */
    public static final String IMAGE_HOST = "https://img.o2o-demo.example";

    private static final Channel[] CHANNELS = Channel.values();
    /** Share of stores whose primary channel is supermarket, fresh, pharmacy, flowers, electronics. */
    private static final double[] CHANNEL_WEIGHTS = {0.36, 0.24, 0.16, 0.10, 0.14};

    private final WorldSpec spec;
    private final List<CityLayout> layouts;
    private final List<Store> stores;
    private final Map<String, Store> byId;
    private final StoreIndex index;
    private final ProductFactory products = new ProductFactory(IMAGE_HOST);
    private final Map<String, StoreCatalog> catalogs = new ConcurrentHashMap<>();
    private final RecommendationCache recommendations = new RecommendationCache();

    private World(WorldSpec spec, List<CityLayout> layouts, List<Store> stores) {
        this.spec = spec;
        this.layouts = layouts;
        this.stores = stores;
        Map<String, Store> ids = new HashMap<>(stores.size() * 2);
        for (Store store : stores) {
            ids.put(store.id(), store);
        }
        this.byId = Map.copyOf(ids);
        this.index = new StoreIndex(stores);
    }

    /** Generates the world of a spec (a few hundred milliseconds for dozens of cities). */
    public static World generate(WorldSpec spec) {
        List<CityLayout> layouts = new ArrayList<>();
        List<Store> stores = new ArrayList<>();
        for (int c = 0; c < spec.cities().size(); c++) {
            CityLayout layout = CityLayout.of(spec.seed(), spec.cities().get(c));
            layouts.add(layout);
            int count = Math.max(8, (int) Math.round(spec.storeScale() * (40 + 14 * layout.millions())));
            for (int s = 0; s < count; s++) {
                stores.add(store(spec.seed(), c, s, layout));
            }
        }
        return new World(spec, List.copyOf(layouts), List.copyOf(stores));
    }

    private static Store store(long seed, int cityIndex, int number, CityLayout layout) {
        City city = layout.city();
        Rng rng = Rng.of(seed, city.id(), number, 0x5704EL);
        String id = String.format(Locale.ROOT, "s%02d-%05d", cityIndex, number);
        Channel primary = CHANNELS[weighted(rng.nextDouble())];
        List<Channel> channels = new ArrayList<>(3);
        channels.add(primary);
        addSecondary(primary, rng, channels);
        LatLng location = layout.draw(rng, 0.45, 0.30, 1.0);
        Store.SizeClass size = size(primary, rng);
        double radiusKm = switch (primary) {
            case FLOWERS -> 2.6;
            case ELECTRONICS -> 3.6;
            case PHARMACY -> 3.2;
            case FRESH -> 2.8;
            case SUPERMARKET -> size == Store.SizeClass.LARGE ? 3.6 : 2.9;
        } * rng.between(0.8, 1.2);
        DeliveryArea area = DeliveryArea.around(location, radiusKm, rng);
        OpeningHours hours = hours(primary, rng);
        boolean closedForGood = rng.chance(0.03);
        double rating = Math.round(rng.between(3.5, 5.0) * 10) / 10.0;
        int sales = (int) Math.round(Math.exp(rng.between(4.0, 9.5)));
        int minutes = rng.between(22, 42);
        int fee = rng.pick(new Integer[] {0, 0, 100, 200, 300, 350, 500});
        int minOrder = switch (primary) {
            case FLOWERS -> rng.between(5, 12) * 1000;
            case ELECTRONICS -> rng.between(0, 6) * 1000;
            default -> rng.between(0, 8) * 500;
        };
        String brand = rng.pick(Vocabulary.STORE_BRANDS.get(primary));
        String name = brand + "(" + rng.pick(Vocabulary.STREETS) + rng.pick(Vocabulary.STREET_KINDS) + "店)";
        StringBuilder logo = new StringBuilder(IMAGE_HOST).append("/logo/");
        ProductFactory.hex(rng.nextLong(), 16, logo);
        logo.append(".png");
        Set<String> tags = new LinkedHashSet<>();
        int tagCount = rng.between(0, 3);
        for (int i = 0; i < tagCount; i++) {
            tags.add(rng.pick(Vocabulary.STORE_TAGS));
        }
        if (hours.isRoundTheClock()) {
            tags.add("24小时营业");
        }
        return new Store(id, rng.nextLong(), city, name, location, List.copyOf(channels), size, area, hours,
                closedForGood, rating, sales, minutes, fee, minOrder, logo.toString(), List.copyOf(tags));
    }

    private static int weighted(double u) {
        double sum = 0;
        for (int i = 0; i < CHANNEL_WEIGHTS.length; i++) {
            sum += CHANNEL_WEIGHTS[i];
            if (u < sum) {
                return i;
            }
        }
        return CHANNEL_WEIGHTS.length - 1;
    }

    private static void addSecondary(Channel primary, Rng rng, List<Channel> channels) {
        switch (primary) {
            case SUPERMARKET -> {
                if (rng.chance(0.45)) {
                    channels.add(Channel.FRESH);
                }
                if (rng.chance(0.12)) {
                    channels.add(Channel.PHARMACY);
                }
            }
            case FRESH -> {
                if (rng.chance(0.25)) {
                    channels.add(Channel.SUPERMARKET);
                }
                if (rng.chance(0.05)) {
                    channels.add(Channel.FLOWERS);
                }
            }
            case PHARMACY -> {
                if (rng.chance(0.15)) {
                    channels.add(Channel.SUPERMARKET);
                }
            }
            case FLOWERS -> {
                if (rng.chance(0.08)) {
                    channels.add(Channel.FRESH);
                }
            }
            case ELECTRONICS -> {
                if (rng.chance(0.05)) {
                    channels.add(Channel.SUPERMARKET);
                }
            }
        }
    }

    private static Store.SizeClass size(Channel primary, Rng rng) {
        double u = rng.nextDouble();
        return switch (primary) {
            case SUPERMARKET -> u < 0.25 ? Store.SizeClass.LARGE : u < 0.75 ? Store.SizeClass.MEDIUM : Store.SizeClass.SMALL;
            case FRESH, ELECTRONICS -> u < 0.1 ? Store.SizeClass.LARGE : u < 0.8 ? Store.SizeClass.MEDIUM : Store.SizeClass.SMALL;
            case PHARMACY -> u < 0.1 ? Store.SizeClass.LARGE : u < 0.7 ? Store.SizeClass.MEDIUM : Store.SizeClass.SMALL;
            case FLOWERS -> u < 0.3 ? Store.SizeClass.MEDIUM : Store.SizeClass.SMALL;
        };
    }

    private static OpeningHours hours(Channel primary, Rng rng) {
        double u = rng.nextDouble();
        return switch (primary) {
            case SUPERMARKET -> u < 0.25 ? OpeningHours.ALWAYS : u < 0.6 ? OpeningHours.of("07:00", "23:00")
                    : u < 0.9 ? OpeningHours.of("08:00", "22:00") : OpeningHours.of("09:00", "21:30");
            case FRESH -> u < 0.1 ? OpeningHours.ALWAYS : u < 0.5 ? OpeningHours.of("07:00", "21:00")
                    : u < 0.8 ? OpeningHours.of("06:30", "22:00") : u < 0.9 ? OpeningHours.of("08:00", "20:00")
                    : OpeningHours.of("10:00", "02:00");
            case PHARMACY -> u < 0.4 ? OpeningHours.ALWAYS : u < 0.8 ? OpeningHours.of("08:00", "22:00") : OpeningHours.of("08:30", "21:00");
            case FLOWERS -> u < 0.6 ? OpeningHours.of("09:00", "21:00") : u < 0.9 ? OpeningHours.of("08:00", "22:00")
                    : OpeningHours.of("10:00", "20:00");
            case ELECTRONICS -> u < 0.7 ? OpeningHours.of("10:00", "22:00") : OpeningHours.of("09:30", "21:30");
        };
    }

    public WorldSpec spec() {
        return spec;
    }

    public List<CityLayout> layouts() {
        return layouts;
    }

    public List<Store> stores() {
        return stores;
    }

    public Optional<Store> store(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The stores whose delivery area covers the point, in id order. */
    public List<Store> covering(double lat, double lng) {
        return index.covering(lat, lng);
    }

    /** The store's catalog structure (built once, then kept). */
    public StoreCatalog catalog(Store store) {
        return catalogs.computeIfAbsent(store.id(), id -> StoreCatalog.of(store));
    }

    /**
     * One page of a leaf category's products at a moment; empty when the category is not on
     * the store's menu then (unknown, off this week, or a day/night-only menu).
     *
     * @param page 1-based
     */
    public Optional<CategoryProducts> products(Store store, String categoryId, int page, int size, Moment moment) {
        return productsFrom(store, categoryId, (long) (page - 1) * size, size, moment);
    }

    /**
     * Up to {@code limit} of a leaf category's products from the 0-based {@code offset} on (the
     * gateway API pages by offset and limit); empty when the category is not on the store's
     * menu then. Page {@code p} of size {@code s} is offset {@code (p-1)·s}, limit {@code s}.
     */
    public Optional<CategoryProducts> productsFrom(Store store, String categoryId, long offset, int limit, Moment moment) {
        StoreCatalog catalog = catalog(store);
        StoreCatalog.Leaf leaf = catalog.visibleLeaf(categoryId, moment);
        if (leaf == null) {
            return Optional.empty();
        }
        int total = catalog.productCount(leaf, moment);
        long from = offset;
        List<ProductCard> cards = new ArrayList<>((int) Math.max(0, Math.min(limit, total - from)));
        for (long i = from; i < Math.min(total, from + limit); i++) {
            cards.add(products.product(store, leaf, (int) i, moment));
        }
        return Optional.of(new CategoryProducts(total, cards));
    }

    /** Whether the category is a node of the store's tree at this moment, leaf or not. */
    public boolean hasLeaf(Store store, String categoryId, Moment moment) {
        return catalog(store).visibleLeaf(categoryId, moment) != null;
    }

    /**
     * Products a store puts forward at a moment, on sale, without duplicates. The picks are
     * stable through the week (about a tenth rotate daily) and drop out while sold out, so
     * yesterday's page mostly overlaps today's. {@code salt} separates lists (home, a channel,
     * an account); {@code channel}, when not null, keeps to the store's categories of that channel
     * (a channel page shows that channel's goods only).
     */
    public List<ProductCard> recommended(Store store, Channel channel, Moment moment, long salt, int count) {
        if (count <= 0) {
            return List.of();
        }
        // Lists are computed for a count rounded up to a power of two (at least 32) and cut: a
        // store gets only a few cached lists whatever the number of its neighbours, and the
        // answer for a count never depends on what was asked before.
        int rounded = Math.max(32, Integer.highestOneBit(count - 1) << 1);
        RecommendationCache.Key key = new RecommendationCache.Key(store.id(), channel, salt, moment.hourBucket(), moment.dayBucket(),
                moment.isNight(), rounded);
        List<ProductCard> list = recommendations.get(key, () -> computeRecommended(store, channel, moment, salt, rounded));
        return list.size() <= count ? list : list.subList(0, count);
    }

    private List<ProductCard> computeRecommended(Store store, Channel channel, Moment moment, long salt, int count) {
        StoreCatalog catalog = catalog(store);
        List<StoreCatalog.Leaf> leaves = catalog.visibleLeaves(moment);
        if (channel != null) {
            leaves = leaves.stream().filter(leaf -> leaf.channel() == channel).toList();
        }
        if (leaves.isEmpty()) {
            return List.of();
        }
        List<ProductCard> result = new ArrayList<>(count);
        Set<Long> seen = new HashSet<>(count * 4);
        long slot = moment.slot().ordinal();
        for (int k = 0; k < count * 3 && result.size() < count; k++) {
            boolean rotates = Rng.unit(Rng.hash(store.seed(), salt, k, moment.dayBucket())) < 0.1;
            Rng rng = Rng.of(store.seed(), salt, k, rotates ? moment.dayBucket() : -moment.weekBucket() - 1, slot);
            StoreCatalog.Leaf leaf = leaves.get(rng.nextInt(leaves.size()));
            int index = rng.nextInt(catalog.productCount(leaf, moment));
            if (!seen.add(leaf.seed() * 31 + index)) {
                continue;
            }
            if (products.onSale(store, leaf, index, moment)) {
                result.add(products.product(store, leaf, index, moment));
            }
        }
        return List.copyOf(result);
    }

    /** A stable 64-bit salt for a text (account ids, channel ids). */
    public static long salt(String text) {
        long h = 0x51A7L;
        for (int i = 0; i < text.length(); i++) {
            h = Rng.hash(h, text.charAt(i));
        }
        return h;
    }

    /** A value derived from the world's seed and some parts: for choices the pages make (banners). */
    public long derive(long... parts) {
        long[] all = new long[parts.length + 1];
        all[0] = spec.seed();
        System.arraycopy(parts, 0, all, 1, parts.length);
        return Rng.hash(all);
    }

    /**
     * A page of a category's products.
     *
     * @param totalProducts products in the category
     * @param products      the page's products
     */
    public record CategoryProducts(int totalProducts, List<ProductCard> products) {
    }
}
