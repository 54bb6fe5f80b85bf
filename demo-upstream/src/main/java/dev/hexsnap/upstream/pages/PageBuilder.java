package dev.hexsnap.upstream.pages;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.LocationPage.Banner;
import dev.hexsnap.core.page.LocationPage.ChannelEntry;
import dev.hexsnap.core.page.LocationPage.Floor;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.Moment;
import dev.hexsnap.upstream.world.Store;
import dev.hexsnap.upstream.world.World;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the pages of the demo world for a place, a moment and an account. Pure: the same
 * arguments give equal pages (and so byte-identical JSON). Thread-safe.
 *
 * <p>Location first goes through the world's GIS layer ({@link GisGrid}): by default a point
 * is resolved to its geohash cell and the home and channel pages are computed for the cell's
 * centre (the stores whose delivery area covers it, ranked by distance from it), as a real
 * back-end computes them per GIS fence. Nothing else of the page depends on the location: the
 * products follow from the cell's stores (in a location-independent order), so every point of
 * a cell gets the same generic page, and a personalised floor depends on the account and the
 * cell's stores only. The page still names the point it was asked for ({@code lat}, {@code lng}),
 * which clients check.
 *
 * <p>Home and channel pages are filled with recommended products up to a target size (the
 * source's pages were about 600 KB and 400 KB); the stores floor always lists every covering
 * store, so a page with many stores may pass a small target.
 */
public final class PageBuilder {

    /** The non-personalised account the worker crawls with. */
    public static final String GENERIC = "generic";

    private static final int THEMED_FLOORS = 5;
    private static final int THEMED_FLOOR_SIZE = 20;
    private static final int PERSONAL_PRODUCTS = 24;
    /** Even a tiny size target shows some products: a home page without any looks broken. */
    private static final int MIN_PRODUCTS = 8;
    private static final long HOME_SALT = World.salt("home");

    private final World world;
    private final GisGrid gis;
    private final int homePageBytes;
    private final int channelPageBytes;

    /**
     * @param world            the world the pages show
     * @param gis              how a point is resolved before its page is computed
     * @param homePageBytes    target size of a home page's JSON
     * @param channelPageBytes target size of a channel page's JSON
     */
    public PageBuilder(World world, GisGrid gis, int homePageBytes, int channelPageBytes) {
        this.world = world;
        this.gis = gis;
        this.homePageBytes = homePageBytes;
        this.channelPageBytes = channelPageBytes;
    }

    public World world() {
        return world;
    }

    public GisGrid gis() {
        return gis;
    }

    /** Where the home and channel pages asked for at a point are computed (its GIS cell's centre, or the point). */
    public GisGrid.Location locate(double lat, double lng) {
        return gis.locate(lat, lng);
    }

    /** The home page asked for at a point (computed for the point's GIS cell, see the class comment). */
    public LocationPage home(double lat, double lng, String account, Moment moment) {
        GisGrid.Location at = gis.locate(lat, lng);
        List<Store> covering = world.covering(at.lat(), at.lng());
        if (covering.isEmpty()) {
            return notServiceable("home", null, lat, lng, account, moment);
        }
        LatLng point = new LatLng(at.lat(), at.lng());
        List<Floor> floors = new ArrayList<>();
        floors.add(new Floor("banners", "banners", null, banners(covering.getFirst(), null, moment, 6), null, null, null));
        Set<Channel> offered = EnumSet.noneOf(Channel.class);
        for (Store store : covering) {
            offered.addAll(store.channels());
        }
        List<ChannelEntry> entries = new ArrayList<>();
        for (Channel channel : offered) {
            entries.add(new ChannelEntry(channel.id(), Names.channelTitle(channel), World.IMAGE_HOST + "/icon/" + channel.id() + ".png"));
        }
        floors.add(new Floor("channels", "channels", "频道", null, entries, null, null));
        List<StoreCard> cards = storeCards(covering, point, moment);
        floors.add(new Floor("stores", "stores", "附近商家", null, null, cards, null));
        int used = 600 + cards.stream().mapToInt(JsonSizes::store).sum();
        if (!GENERIC.equals(account)) {
            List<ProductCard> personal = personal(account, covering, moment);
            floors.add(new Floor("personal", "personal", "为你推荐", null, null, null, personal));
            used += personal.stream().mapToInt(JsonSizes::product).sum();
        }
        addProductFloors(floors, covering, null, moment, HOME_SALT, homePageBytes - used);
        return new LocationPage("home", null, account, moment.slot().id(), lat, lng, true, moment.instant(), List.copyOf(floors));
    }

    /** A channel page asked for at a point (computed for the point's GIS cell, see the class comment). */
    public LocationPage channel(Channel channel, double lat, double lng, String account, Moment moment) {
        GisGrid.Location at = gis.locate(lat, lng);
        List<Store> covering = world.covering(at.lat(), at.lng()).stream().filter(s -> s.sells(channel)).toList();
        if (covering.isEmpty()) {
            return notServiceable("channel", channel, lat, lng, account, moment);
        }
        LatLng point = new LatLng(at.lat(), at.lng());
        List<Floor> floors = new ArrayList<>();
        floors.add(new Floor("banners", "banners", null, banners(covering.getFirst(), channel, moment, 3), null, null, null));
        List<StoreCard> cards = storeCards(covering, point, moment);
        floors.add(new Floor("stores", "stores", Names.channelTitle(channel) + "·附近商家", null, null, cards, null));
        int used = 400 + cards.stream().mapToInt(JsonSizes::store).sum();
        if (!GENERIC.equals(account)) {
            List<ProductCard> personal = personal(account, covering, moment);
            floors.add(new Floor("personal", "personal", "为你推荐", null, null, null, personal));
            used += personal.stream().mapToInt(JsonSizes::product).sum();
        }
        addProductFloors(floors, covering, channel, moment, World.salt(channel.id()), channelPageBytes - used);
        return new LocationPage("channel", channel.id(), account, moment.slot().id(), lat, lng, true, moment.instant(), List.copyOf(floors));
    }

    /** What a failing back-end answers: serviceable, and nothing on it. */
    public LocationPage emptyLocationPage(Channel channel, double lat, double lng, String account, Moment moment) {
        return new LocationPage(channel == null ? "home" : "channel", channel == null ? null : channel.id(), account,
                moment.slot().id(), lat, lng, true, moment.instant(), List.of());
    }

    /** A store's category tree; empty when the store is unknown. */
    public Optional<StoreCategoriesPage> categories(String storeId, Moment moment) {
        return world.store(storeId).map(store -> new StoreCategoriesPage("store-categories", store.id(), store.name(),
                store.statusAt(moment), moment.instant(), world.catalog(store).tree(moment)));
    }

    /** The empty category tree a failing back-end answers. */
    public StoreCategoriesPage emptyCategories(Store store, Moment moment) {
        return new StoreCategoriesPage("store-categories", store.id(), store.name(), store.statusAt(moment), moment.instant(), List.of());
    }

    /**
     * A page of a category's products; empty when the category is not on the store's menu at
     * this moment. A page past the last one is a real, empty answer.
     */
    public Optional<StoreProductsPage> products(Store store, String categoryId, int page, int size, Moment moment) {
        return world.products(store, categoryId, page, size, moment).map(p -> new StoreProductsPage("store-products",
                store.id(), categoryId, page, size, p.totalProducts(), pages(p.totalProducts(), size), moment.instant(), p.products()));
    }

    /**
     * The products page a failing back-end answers: the category's real totals and no product
     * (so it reads as "a page within range that shows nothing").
     */
    public StoreProductsPage emptyProducts(Store store, String categoryId, int page, int size, Moment moment) {
        int total = world.products(store, categoryId, 1, 1, moment).map(World.CategoryProducts::totalProducts).orElse(0);
        return new StoreProductsPage("store-products", store.id(), categoryId, page, size, total, pages(total, size), moment.instant(), List.of());
    }

    private static int pages(int total, int size) {
        return (total + size - 1) / size;
    }

    private LocationPage notServiceable(String kind, Channel channel, double lat, double lng, String account, Moment moment) {
        // A real answer, not an empty one: the app shows "not delivered here yet".
        long h = world.derive(World.salt("not-serviceable"), moment.dayBucket());
        List<Banner> banners = List.of(new Banner("b-" + Long.toHexString(h >>> 16), "当前位置暂未开通配送，换个地址试试",
                World.IMAGE_HOST + "/banner/" + Long.toHexString(h) + ".jpg", "o2o://address/choose"));
        return new LocationPage(kind, channel == null ? null : channel.id(), account, moment.slot().id(), lat, lng, false,
                moment.instant(), List.of(new Floor("notice", "banners", "暂未开通", banners, null, null, null)));
    }

    private List<Banner> banners(Store near, Channel channel, Moment moment, int count) {
        List<String> titles = moment.isNight() ? Names.nightBannerTitles() : Names.bannerTitles();
        List<Banner> banners = new ArrayList<>(count);
        long cityId = near.city().id();
        for (int i = 0; i < count; i++) {
            long h = world.derive(cityId, moment.dayBucket(), moment.slot().ordinal(), channel == null ? -1 : channel.ordinal(), i);
            String title = near.city().name() + "·" + titles.get((int) ((h >>> 1) % titles.size()));
            String hex = Long.toHexString(h);
            banners.add(new Banner("b-" + hex.substring(0, Math.min(10, hex.length())), title,
                    World.IMAGE_HOST + "/banner/" + hex + ".jpg?w=750", "o2o://activity/" + Long.toHexString(h >>> 20)));
        }
        return banners;
    }

    private List<StoreCard> storeCards(List<Store> stores, LatLng point, Moment moment) {
        record Ranked(StoreCard card, double score) {
        }
        List<Ranked> ranked = new ArrayList<>(stores.size());
        for (Store store : stores) {
            int distance = (int) Math.round(store.location().distanceMetres(point));
            String status = store.statusAt(moment);
            int minutes = store.deliveryMinutes() + distance / 250;
            int fee = store.deliveryFeeCents() + (distance > 2500 ? 200 : distance > 1500 ? 100 : 0);
            double drift = 0.95 + 0.1 * unit(world.derive(World.salt(store.id()), moment.dayBucket()));
            int sales = (int) Math.round(store.monthlySales() * drift);
            StoreCard card = new StoreCard(store.id(), store.name(), store.logo(),
                    store.channels().stream().map(Channel::id).toList(), store.rating(), sales, distance, minutes, fee,
                    store.minOrderCents(), status, store.tags());
            double score = store.rating() * 20 + Math.log1p(sales) * 4 - distance / 400.0;
            if (!StoreCard.OPEN.equals(status)) {
                score -= StoreCard.CLOSED.equals(status) ? 2000 : 1000;
            }
            ranked.add(new Ranked(card, score));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(r -> r.card().storeId()));
        return ranked.stream().map(Ranked::card).toList();
    }

    private List<ProductCard> personal(String account, List<Store> stores, Moment moment) {
        long salt = World.salt("account:" + account);
        List<Store> open = open(stores, moment);
        if (open.isEmpty()) {
            return List.of();
        }
        // The account's favourite stores first: a personal floor is about the user, not the place.
        List<Store> ordered = new ArrayList<>(open);
        ordered.sort(Comparator.comparingLong(s -> World.salt(s.id()) ^ salt));
        List<List<ProductCard>> lists = new ArrayList<>();
        int perStore = Math.max(2, (PERSONAL_PRODUCTS + ordered.size() - 1) / ordered.size());
        for (Store store : ordered.subList(0, Math.min(ordered.size(), 8))) {
            lists.add(world.recommended(store, null, moment, salt, perStore));
        }
        return interleave(lists, PERSONAL_PRODUCTS);
    }

    /** @param channel the channel page's channel, whose goods alone it shows; null for the home page */
    private void addProductFloors(List<Floor> floors, List<Store> stores, Channel channel, Moment moment, long salt, int budgetBytes) {
        List<Store> open = open(stores, moment);
        if (open.isEmpty()) {
            return;
        }
        // Location-independent order (popularity), so points that see the same stores see the
        // same products: what makes a cell's snapshot "like" the page at its other points.
        List<Store> ordered = new ArrayList<>(open);
        ordered.sort(Comparator.comparingDouble((Store s) -> -(s.rating() * 20 + Math.log1p(s.monthlySales()) * 4))
                .thenComparing(Store::id));
        // Cards average about 300 bytes; ask for enough that the budget, not the lists, ends the page.
        int wanted = Math.max(MIN_PRODUCTS, budgetBytes / 250);
        int perStore = (wanted + ordered.size() - 1) / ordered.size() + 2;
        List<List<ProductCard>> lists = new ArrayList<>(ordered.size());
        for (Store store : ordered) {
            lists.add(world.recommended(store, channel, moment, salt, perStore));
        }
        List<ProductCard> all = new ArrayList<>();
        int used = 0;
        int index = 0;
        boolean any = true;
        while (any) {
            any = false;
            for (List<ProductCard> list : lists) {
                if (index < list.size()) {
                    any = true;
                    ProductCard card = list.get(index);
                    if (used >= budgetBytes && all.size() >= MIN_PRODUCTS) {
                        any = false;
                        break;
                    }
                    all.add(card);
                    used += JsonSizes.product(card) + 1;
                }
            }
            index++;
        }
        if (all.isEmpty()) {
            return;
        }
        // A few themed floors, then the endless "guess you like" feed that makes up most of a
        // real home page's bytes.
        List<String> titles = moment.isNight() ? Names.nightFloorTitles() : Names.floorTitles();
        int themes = (int) (Math.floorMod(world.derive(salt, moment.dayBucket()), titles.size()));
        int from = 0;
        for (int floor = 1; floor <= THEMED_FLOORS && all.size() - from > THEMED_FLOOR_SIZE; floor++) {
            floors.add(new Floor("p" + floor, "products", titles.get((themes + floor) % titles.size()), null, null, null,
                    List.copyOf(all.subList(from, from + THEMED_FLOOR_SIZE))));
            from += THEMED_FLOOR_SIZE;
        }
        floors.add(new Floor("feed", "products", Names.feedTitle(), null, null, null, List.copyOf(all.subList(from, all.size()))));
    }

    private static List<Store> open(List<Store> stores, Moment moment) {
        List<Store> open = new ArrayList<>(stores.size());
        for (Store store : stores) {
            if (store.isOpenAt(moment)) {
                open.add(store);
            }
        }
        return open;
    }

    private static List<ProductCard> interleave(List<List<ProductCard>> lists, int limit) {
        List<ProductCard> result = new ArrayList<>(limit);
        for (int i = 0; result.size() < limit; i++) {
            boolean any = false;
            for (List<ProductCard> list : lists) {
                if (i < list.size() && result.size() < limit) {
                    result.add(list.get(i));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return result;
    }

    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }
}
