package dev.hexsnap.core.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a crawler needs of a home or channel page, without the page: read by
 * {@link PageInspector#locationSummary(byte[])} straight from the JSON stream.
 *
 * @param kind           {@code home} or {@code channel}
 * @param channel        the channel id of a channel page, null for home
 * @param lat            latitude the page was computed for
 * @param lng            longitude the page was computed for
 * @param serviceable    whether any store delivers to the location
 * @param empty          serviceable but showing no store and no product ({@link LocationPage#isEmpty()})
 * @param stores         every store the page shows, once, in {@link LocationPage#storeIds()} order
 * @param channelEntries the channels the page offers an entry to ({@link LocationPage#channelEntries()})
 */
public record LocationSummary(String kind, String channel, double lat, double lng, boolean serviceable, boolean empty,
                              List<StoreMention> stores, List<Channel> channelEntries) {

    public LocationSummary {
        stores = List.copyOf(stores);
        channelEntries = List.copyOf(channelEntries);
    }

    /**
     * A store the page shows.
     *
     * @param storeId    the store's id
     * @param cardStatus the status of its first store card that has one ({@code open}, {@code closed-now},
     *                   {@code closed}); null when the page shows it only through products, or without a status
     */
    public record StoreMention(String storeId, String cardStatus) {
    }

    /** Ids of the stores shown, in page order (as {@link LocationPage#storeIds()}). */
    public Set<String> storeIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (StoreMention store : stores) {
            ids.add(store.storeId());
        }
        return ids;
    }

    /** The summary of a page read whole: what the streaming read must equal. */
    public static LocationSummary of(LocationPage page) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (LocationPage.Floor floor : page.floors()) {
            for (StoreCard card : floor.stores()) {
                mention(statuses, card.storeId(), card.status());
            }
            for (ProductCard product : floor.products()) {
                mention(statuses, product.storeId(), null);
            }
        }
        return new LocationSummary(page.kind(), page.channel(), page.lat(), page.lng(), page.serviceable(), page.isEmpty(),
                mentions(statuses), page.channelEntries());
    }

    /** Records a sighting: the first non-empty card status of a store wins ("" stands for none). */
    static void mention(Map<String, String> statuses, String storeId, String status) {
        String given = status == null ? "" : status;
        statuses.merge(storeId, given, (first, later) -> first.isEmpty() ? later : first);
    }

    static List<StoreMention> mentions(Map<String, String> statuses) {
        List<StoreMention> mentions = new ArrayList<>(statuses.size());
        statuses.forEach((id, status) -> mentions.add(new StoreMention(id, status.isEmpty() ? null : status)));
        return mentions;
    }
}
