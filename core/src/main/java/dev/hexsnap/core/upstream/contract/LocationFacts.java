package dev.hexsnap.core.upstream.contract;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the stages need of a home or channel page, as the contract extracts it.
 *
 * @param serviceable whether some store delivers to the location (the contract's {@code not-serviceable} marker absent)
 * @param empty       serviceable but showing no store and no product: a failing upstream's answer
 * @param stores      the stores shown, once each: by card first, then through products, in page order
 * @param products    the ids of the products shown, in page order (repeats kept)
 * @param channels    the channel entries offered (home pages), once each, in page order, only the contract's channels
 * @param floors      per floor (when the contract names floors), the ids of the stores and products in it
 */
public record LocationFacts(boolean serviceable, boolean empty, List<StoreShown> stores, List<String> products,
                            List<String> channels, Map<String, Set<String>> floors) {

    public LocationFacts {
        stores = List.copyOf(stores);
        products = List.copyOf(products);
        channels = List.copyOf(channels);
        floors = Map.copyOf(floors);
    }

    /**
     * A store the page shows.
     *
     * @param storeId its id as written
     * @param status  {@code open}, {@code closed-now} or {@code closed} from its first card that says one of them
     *                (through the contract's {@code store-status}); null when no card of it says
     * @param card    whether the page shows it as a store card (else only through its products)
     */
    public record StoreShown(String storeId, String status, boolean card) {
    }

    /** The ids of the stores shown as cards. */
    public Set<String> cardStoreIds() {
        Set<String> ids = new LinkedHashSet<>();
        stores.forEach(s -> {
            if (s.card()) {
                ids.add(s.storeId());
            }
        });
        return ids;
    }

    /** The ids of the stores shown, in page order. */
    public Set<String> storeIds() {
        Set<String> ids = new LinkedHashSet<>();
        stores.forEach(s -> ids.add(s.storeId()));
        return ids;
    }

    /** Store id to status (null: none given), as a map: what equal pages agree on. */
    public Map<String, String> statuses() {
        Map<String, String> map = new LinkedHashMap<>();
        stores.forEach(s -> map.put(s.storeId(), s.status()));
        return map;
    }
}
