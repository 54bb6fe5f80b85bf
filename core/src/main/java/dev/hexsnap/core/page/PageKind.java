package dev.hexsnap.core.page;

/**
 * The pages that block a purchase when they come back empty, and so are backed up.
 */
public enum PageKind {
    /** The home page of a location: banners, the stores that deliver there, recommendations. */
    HOME("home"),
    /** One of the five channel pages of a location. */
    CHANNEL("channel"),
    /** A store's category tree (first stage of the store-detail page). */
    STORE_CATEGORIES("store-categories"),
    /** One page of the products of a store's category (second stage of the store-detail page). */
    STORE_PRODUCTS("store-products");

    private final String id;

    PageKind(String id) {
        this.id = id;
    }

    /** The lowercase name used in JSON, keys, metrics and URLs. */
    public String id() {
        return id;
    }

    /** Whether the page depends on where the user stands (and so is stored per cell). */
    public boolean isLocationPage() {
        return this == HOME || this == CHANNEL;
    }

    public static PageKind fromId(String id) {
        for (PageKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown page kind '" + id + "'; expected one of home, channel, store-categories, store-products");
    }
}
