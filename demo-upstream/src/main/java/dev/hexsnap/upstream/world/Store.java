package dev.hexsnap.upstream.world;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.region.City;

import java.util.List;

/**
 * A store of the demo world: where it is, what it sells, where it delivers and when. The
 * attributes that drift (stock, ratings shown, menus) are computed from it and a
 * {@link Moment}; this object itself never changes.
 *
 * @param id               stable id, e.g. {@code s03-00127}
 * @param seed             the store's own seed, from which its catalog is derived
 * @param city             the city it is in
 * @param name             display name, brand and branch
 * @param location         where it is
 * @param channels         its channels, the primary one first
 * @param size             how large its catalog is
 * @param area             where it delivers
 * @param hours            when it takes orders
 * @param closedForGood    closed altogether (renovation, licence): shown, but never open
 * @param rating           0.0 to 5.0, one decimal
 * @param monthlySales     orders in the last 30 days (before daily drift)
 * @param deliveryMinutes  base delivery time, before distance
 * @param deliveryFeeCents base fee in fen
 * @param minOrderCents    minimum order in fen
 * @param logo             logo URL
 * @param tags             its standing promotional tags
 */
public record Store(
        String id,
        long seed,
        City city,
        String name,
        LatLng location,
        List<Channel> channels,
        SizeClass size,
        DeliveryArea area,
        OpeningHours hours,
        boolean closedForGood,
        double rating,
        int monthlySales,
        int deliveryMinutes,
        int deliveryFeeCents,
        int minOrderCents,
        String logo,
        List<String> tags) {

    /** The primary channel, which decides most of the catalog. */
    public Channel primaryChannel() {
        return channels.getFirst();
    }

    public boolean sells(Channel channel) {
        return channels.contains(channel);
    }

    /** {@code open}, {@code closed-now} or {@code closed} at this moment. */
    public String statusAt(Moment moment) {
        if (closedForGood) {
            return dev.hexsnap.core.page.StoreCard.CLOSED;
        }
        return hours.isOpenAt(moment.minuteOfDay()) ? dev.hexsnap.core.page.StoreCard.OPEN : dev.hexsnap.core.page.StoreCard.CLOSED_NOW;
    }

    public boolean isOpenAt(Moment moment) {
        return !closedForGood && hours.isOpenAt(moment.minuteOfDay());
    }

    /** How large a store's catalog is. */
    public enum SizeClass {
        /** Two levels, a few dozen leaf categories at most. */
        SMALL,
        /** Two levels, up to about a hundred leaves. */
        MEDIUM,
        /** Three levels, hundreds of leaf categories. */
        LARGE
    }
}
