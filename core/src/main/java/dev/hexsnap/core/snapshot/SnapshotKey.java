package dev.hexsnap.core.snapshot;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.PageKind;

import java.util.regex.Pattern;

/**
 * Which page an entry holds, independent of the generation. Its {@link #path()} is the
 * part of the Redis key after the generation, e.g. {@code home:8:8831aa5031fffff}.
 */
public sealed interface SnapshotKey {

    /** Store and category ids: letters, digits, '-' and '_', at most 64; nothing that could escape a key or a path. */
    Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The most product pages kept per category (the worker backs up the first two). */
    int MAX_PAGE = 1000;

    PageKind kind();

    /** The key below the generation, unique per page. */
    String path();

    /** The home page of a cell. */
    record Home(int resolution, long cell) implements SnapshotKey {
        public Home {
            HexGrid.checkResolution(resolution);
        }

        @Override
        public PageKind kind() {
            return PageKind.HOME;
        }

        @Override
        public String path() {
            return "home:" + resolution + ":" + Long.toHexString(cell);
        }
    }

    /** A channel page of a cell; the channel is the id the upstream contract names it by. */
    record ChannelPage(String channel, int resolution, long cell) implements SnapshotKey {
        public ChannelPage {
            HexGrid.checkResolution(resolution);
            checkId("channel", channel);
        }

        /** A channel of the demo world (the hexsnap-v1 contract's ids). */
        public ChannelPage(Channel channel, int resolution, long cell) {
            this(channel == null ? null : channel.id(), resolution, cell);
        }

        @Override
        public PageKind kind() {
            return PageKind.CHANNEL;
        }

        @Override
        public String path() {
            return "channel:" + channel + ":" + resolution + ":" + Long.toHexString(cell);
        }
    }

    /** A store's category tree. */
    record StoreCategories(String storeId) implements SnapshotKey {
        public StoreCategories {
            checkId("storeId", storeId);
        }

        @Override
        public PageKind kind() {
            return PageKind.STORE_CATEGORIES;
        }

        @Override
        public String path() {
            return "store:" + storeId + ":categories";
        }
    }

    /** One page of a category's products. */
    record StoreProducts(String storeId, String categoryId, int page) implements SnapshotKey {
        public StoreProducts {
            checkId("storeId", storeId);
            checkId("categoryId", categoryId);
            if (page < 1 || page > MAX_PAGE) {
                throw new IllegalArgumentException("page must be within [1, " + MAX_PAGE + "], got " + page);
            }
        }

        @Override
        public PageKind kind() {
            return PageKind.STORE_PRODUCTS;
        }

        @Override
        public String path() {
            return "store:" + storeId + ":products:" + categoryId + ":" + page;
        }
    }

    /**
     * Checks a store or category id.
     *
     * @throws IllegalArgumentException naming the parameter when it is not 1-64 of A-Z, a-z, 0-9, '-', '_'
     */
    static void checkId(String name, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-64 of A-Z, a-z, 0-9, '-' and '_'");
        }
    }
}
