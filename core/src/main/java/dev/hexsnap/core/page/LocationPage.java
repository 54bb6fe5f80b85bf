package dev.hexsnap.core.page;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A home or channel page as an upstream answers it for one location.
 *
 * <p>{@code serviceable = false} is a real answer ("no store delivers here"), distinct from an
 * empty answer, which is what a failing upstream returns and must never be backed up.
 *
 * @param kind        {@code home} or {@code channel}
 * @param channel     the channel id for a channel page, null for home
 * @param account     {@code generic} for the non-personalised page, else the account id
 * @param slot        {@code day} or {@code night}
 * @param lat         latitude the page was computed for
 * @param lng         longitude the page was computed for
 * @param serviceable whether any store delivers to the location
 * @param generatedAt when the upstream computed the page
 * @param floors      the page's floors, top to bottom
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocationPage(
        String kind,
        String channel,
        String account,
        String slot,
        double lat,
        double lng,
        boolean serviceable,
        Instant generatedAt,
        List<Floor> floors) {

    public LocationPage {
        floors = floors == null ? List.of() : floors;
    }

    /**
     * Whether the page shows nothing although the location is serviceable: the symptom of a
     * failing upstream.
     */
    @JsonIgnore
    public boolean isEmpty() {
        if (!serviceable) {
            return false;
        }
        for (Floor floor : floors) {
            if (!floor.stores().isEmpty() || !floor.products().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Ids of every store the page shows, as a card or through one of its products, in page order. */
    @JsonIgnore
    public Set<String> storeIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Floor floor : floors) {
            for (StoreCard store : floor.stores()) {
                ids.add(store.storeId());
            }
            for (ProductCard product : floor.products()) {
                ids.add(product.storeId());
            }
        }
        return ids;
    }

    /** Channels the page offers an entry to (home pages), in page order. */
    @JsonIgnore
    public List<Channel> channelEntries() {
        Set<Channel> channels = new LinkedHashSet<>();
        for (Floor floor : floors) {
            for (ChannelEntry entry : floor.channels()) {
                channels.add(Channel.fromId(entry.channel()));
            }
        }
        return List.copyOf(channels);
    }

    /**
     * One band of the page.
     *
     * @param floorId  stable id of the floor within the page
     * @param type     {@code banners}, {@code channels}, {@code stores}, {@code products} or {@code personal}
     * @param title    what the app prints above it
     * @param banners  banner images (type banners)
     * @param channels channel entries (type channels, home page only)
     * @param stores   store cards (type stores)
     * @param products product cards (types products and personal)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Floor(
            String floorId,
            String type,
            String title,
            List<Banner> banners,
            List<ChannelEntry> channels,
            List<StoreCard> stores,
            List<ProductCard> products) {

        public Floor {
            banners = banners == null ? List.of() : banners;
            channels = channels == null ? List.of() : channels;
            stores = stores == null ? List.of() : stores;
            products = products == null ? List.of() : products;
        }
    }

    /** A banner: an image linking somewhere. */
    public record Banner(String bannerId, String title, String image, String link) {
    }

    /** An entry to a channel page, shown on the home page where the channel has stores. */
    public record ChannelEntry(String channel, String title, String icon) {
    }
}
