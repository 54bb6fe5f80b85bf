package dev.hexsnap.worker;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.core.snapshot.SnapshotKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a run should store, worked out by asking the upstream directly (no worker code
 * involved): every cell's home page and the channels it offers, every store those pages
 * show, and for the open ones the category tree and the first two product pages of each
 * leaf that has products.
 */
final class ExpectedPages {

    final Set<String> paths = new TreeSet<>();
    /** Every store shown, with the status its cards gave (null when only products showed it). */
    final Map<String, String> stores = new LinkedHashMap<>();
    final Set<String> openStores = new TreeSet<>();
    final Set<String> notOpenStores = new TreeSet<>();
    /** Pages that showed each store (a store shown on n pages counts n). */
    final Map<String, Integer> sightings = new LinkedHashMap<>();

    static ExpectedPages of(String upstream, List<Integer> resolutions, List<List<Long>> cells, Instant at) throws Exception {
        ExpectedPages expected = new ExpectedPages();
        HttpClient http = HttpClient.newHttpClient();
        PageInspector inspector = new PageInspector();
        HexGrid grid = HexGrid.shared();
        for (int i = 0; i < resolutions.size(); i++) {
            int resolution = resolutions.get(i);
            for (long cell : cells.get(i)) {
                LatLng p = grid.center(cell);
                String where = "lat=" + p.lat() + "&lng=" + p.lng() + "&account=generic&at=" + at;
                LocationPage home = inspector.locationPage(get(http, upstream + "/v1/pages/home?" + where));
                expected.paths.add(new SnapshotKey.Home(resolution, cell).path());
                expected.collect(home);
                if (home.serviceable()) {
                    for (Channel channel : home.channelEntries()) {
                        LocationPage page = inspector.locationPage(get(http, upstream + "/v1/pages/channel/" + channel.id() + "?" + where));
                        expected.paths.add(new SnapshotKey.ChannelPage(channel, resolution, cell).path());
                        expected.collect(page);
                    }
                }
            }
        }
        for (String storeId : expected.stores.keySet()) {
            String card = expected.stores.get(storeId);
            if (card != null && !card.equals(StoreCard.OPEN)) {
                expected.notOpenStores.add(storeId);
                continue;
            }
            StoreCategoriesPage tree = inspector.categories(get(http, upstream + "/v1/pages/store/" + storeId + "/categories?at=" + at));
            if (!StoreCard.OPEN.equals(tree.status())) {
                expected.notOpenStores.add(storeId);
                continue;
            }
            expected.openStores.add(storeId);
            expected.paths.add(new SnapshotKey.StoreCategories(storeId).path());
            for (StoreCategoriesPage.Category leaf : tree.leaves()) {
                if (leaf.productCount() <= 0) {
                    continue;
                }
                StoreProductsPage first = inspector.products(get(http, upstream + "/v1/pages/store/" + storeId + "/categories/"
                        + leaf.categoryId() + "/products?page=1&size=20&at=" + at));
                expected.paths.add(new SnapshotKey.StoreProducts(storeId, leaf.categoryId(), 1).path());
                if (first.totalPages() >= 2) {
                    expected.paths.add(new SnapshotKey.StoreProducts(storeId, leaf.categoryId(), 2).path());
                }
            }
        }
        return expected;
    }

    private void collect(LocationPage page) {
        Map<String, String> onPage = new LinkedHashMap<>();
        for (LocationPage.Floor floor : page.floors()) {
            for (StoreCard card : floor.stores()) {
                onPage.merge(card.storeId(), card.status(), (a, b) -> a);
            }
            for (ProductCard product : floor.products()) {
                onPage.putIfAbsent(product.storeId(), null);
            }
        }
        onPage.forEach((id, status) -> {
            sightings.merge(id, 1, Integer::sum);
            String known = stores.get(id);
            stores.put(id, known != null ? known : status);
        });
    }

    private static byte[] get(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
