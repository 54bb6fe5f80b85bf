package dev.hexsnap.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Which page to ask the fallback API for, and for whom (the user id and city drive the API's
 * roll-out). Immutable; {@link #forUser} and {@link #inCity} return copies.
 */
public final class PageRequest {

    private final PageKind kind;
    private final double lat;
    private final double lng;
    private final String channel;
    private final String storeId;
    private final String categoryId;
    private final int page;
    private final String userId;
    private final String city;

    private PageRequest(PageKind kind, double lat, double lng, String channel, String storeId, String categoryId,
                        int page, String userId, String city) {
        this.kind = kind;
        this.lat = lat;
        this.lng = lng;
        this.channel = channel;
        this.storeId = storeId;
        this.categoryId = categoryId;
        this.page = page;
        this.userId = userId;
        this.city = city;
    }

    /** The home page at a point (decimal degrees). */
    public static PageRequest home(double lat, double lng) {
        return new PageRequest(PageKind.HOME, lat, lng, null, null, null, 0, null, null);
    }

    /** A channel page at a point; the channel id as the contract names it ({@code supermarket}, ... in {@code hexsnap-v1}). */
    public static PageRequest channel(String channel, double lat, double lng) {
        return new PageRequest(PageKind.CHANNEL, lat, lng, Objects.requireNonNull(channel, "channel"), null, null, 0, null, null);
    }

    /** A store's category tree. */
    public static PageRequest storeCategories(String storeId) {
        return new PageRequest(PageKind.STORE_CATEGORIES, 0, 0, null, Objects.requireNonNull(storeId, "storeId"), null, 0, null, null);
    }

    /** One page (1-based) of a category's products. */
    public static PageRequest storeProducts(String storeId, String categoryId, int page) {
        return new PageRequest(PageKind.STORE_PRODUCTS, 0, 0, null, Objects.requireNonNull(storeId, "storeId"),
                Objects.requireNonNull(categoryId, "categoryId"), page, null, null);
    }

    /** The same request on behalf of a user (roll-out by user id and percentage). */
    public PageRequest forUser(String user) {
        return new PageRequest(kind, lat, lng, channel, storeId, categoryId, page, user, city);
    }

    /** The same request in a city (slug such as {@code shanghai}; roll-out by city). */
    public PageRequest inCity(String citySlug) {
        return new PageRequest(kind, lat, lng, channel, storeId, categoryId, page, userId, citySlug);
    }

    public PageKind kind() {
        return kind;
    }

    public String userId() {
        return userId;
    }

    public String city() {
        return city;
    }

    /** Latitude of a home or channel page (0 for store pages). */
    public double lat() {
        return lat;
    }

    /** Longitude of a home or channel page (0 for store pages). */
    public double lng() {
        return lng;
    }

    /** The channel id of a channel page, else null. */
    public String channel() {
        return channel;
    }

    /** The store of a store page, else null. */
    public String storeId() {
        return storeId;
    }

    /** The category of a products page, else null. */
    public String categoryId() {
        return categoryId;
    }

    /** The 1-based page of a products page, else 0. */
    public int page() {
        return page;
    }

    /** The API path and query of this request. */
    String pathAndQuery() {
        StringBuilder path = new StringBuilder("/v1/snapshots/");
        switch (kind) {
            case HOME -> path.append("home?").append(coordinates());
            case CHANNEL -> path.append("channel/").append(encode(channel)).append('?').append(coordinates());
            case STORE_CATEGORIES -> path.append("store/").append(encode(storeId)).append("/categories?");
            case STORE_PRODUCTS -> path.append("store/").append(encode(storeId)).append("/categories/")
                    .append(encode(categoryId)).append("/products?page=").append(page);
        }
        if (userId != null) {
            path.append("&userId=").append(encode(userId));
        }
        if (city != null) {
            path.append("&city=").append(encode(city));
        }
        return path.toString();
    }

    private String coordinates() {
        return String.format(Locale.ROOT, "lat=%.7f&lng=%.7f", lat, lng);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return kind + " " + pathAndQuery();
    }
}
