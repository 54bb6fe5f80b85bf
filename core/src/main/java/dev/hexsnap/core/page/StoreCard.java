package dev.hexsnap.core.page;

import java.util.List;

/**
 * A store as a home or channel page shows it.
 *
 * @param storeId          the store's id
 * @param name             display name
 * @param logo             logo image URL
 * @param channels         ids of the channels the store belongs to
 * @param rating           0.0 to 5.0
 * @param monthlySales     orders in the last 30 days
 * @param distanceMetres   from the location the page was computed for
 * @param deliveryMinutes  promised delivery time
 * @param deliveryFeeCents delivery fee in fen
 * @param minOrderCents    minimum order in fen
 * @param status           {@code open}, {@code closed-now} (outside opening hours) or {@code closed} (closed altogether)
 * @param tags             promotional tags
 */
public record StoreCard(
        String storeId,
        String name,
        String logo,
        List<String> channels,
        double rating,
        int monthlySales,
        int distanceMetres,
        int deliveryMinutes,
        int deliveryFeeCents,
        int minOrderCents,
        String status,
        List<String> tags) {

    public static final String OPEN = "open";
    public static final String CLOSED_NOW = "closed-now";
    public static final String CLOSED = "closed";
}
