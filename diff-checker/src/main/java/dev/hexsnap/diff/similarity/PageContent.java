package dev.hexsnap.diff.similarity;

import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCard;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a user sees of a home or channel page, reduced to what the similarity compares: the
 * stores shown (store cards), the products shown (product cards of every floor), and each
 * floor's items. Keeping this instead of the page keeps a run's memory small.
 *
 * @param serviceable whether the page says some store delivers here
 * @param empty       serviceable but showing nothing (a failing upstream's answer)
 * @param stores      ids of the stores shown as cards
 * @param products    sku ids of the products shown
 * @param floors      per floor id, the ids of its items (stores, products, channels or banners)
 */
public record PageContent(boolean serviceable, boolean empty, Set<String> stores, Set<String> products,
                          Map<String, Set<String>> floors) {

    public static PageContent of(LocationPage page) {
        Set<String> stores = new HashSet<>();
        Set<String> products = new HashSet<>();
        Map<String, Set<String>> floors = new LinkedHashMap<>();
        int index = 0;
        for (LocationPage.Floor floor : page.floors()) {
            String id = floor.floorId() == null || floor.floorId().isEmpty() ? floor.type() + "#" + index : floor.floorId();
            index++;
            Set<String> items = new HashSet<>();
            for (StoreCard store : floor.stores()) {
                stores.add(store.storeId());
                items.add(store.storeId());
            }
            for (ProductCard product : floor.products()) {
                products.add(product.skuId());
                items.add(product.skuId());
            }
            for (LocationPage.ChannelEntry channel : floor.channels()) {
                items.add(channel.channel());
            }
            for (LocationPage.Banner banner : floor.banners()) {
                items.add(banner.bannerId());
            }
            floors.merge(id, items, (a, b) -> {
                Set<String> both = new HashSet<>(a);
                both.addAll(b);
                return both;
            });
        }
        return new PageContent(page.serviceable(), page.isEmpty(), Set.copyOf(stores), Set.copyOf(products),
                Map.copyOf(floors));
    }
}
