package dev.hexsnap.core.page;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Reads pages of the demo upstream's own shape (the hexsnap-v1 contract) into the page model,
 * rejecting the ones that are no page of that model. The stages themselves read pages through
 * their upstream contract ({@link dev.hexsnap.core.upstream.contract.UpstreamContract}); this
 * model reader serves the demo world, the tests, and as the reference the contract's extraction
 * is checked against. Thread-safe.
 */
public final class PageInspector {

    private final JsonMapper mapper;

    public PageInspector() {
        // Upstreams add fields over time; an unknown field is not a malformed page.
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** Reads a home or channel page. */
    public LocationPage locationPage(byte[] json) {
        LocationPage page = read(json, LocationPage.class);
        if (page.kind() == null || !(page.kind().equals("home") || page.kind().equals("channel"))) {
            throw new MalformedPageException("not a home or channel page: kind=" + page.kind());
        }
        if (page.kind().equals("channel")) {
            if (page.channel() == null) {
                throw new MalformedPageException("channel page without a channel");
            }
            try {
                Channel.fromId(page.channel());
            } catch (IllegalArgumentException e) {
                throw new MalformedPageException(e.getMessage());
            }
        }
        for (LocationPage.Floor floor : page.floors()) {
            // Null elements would break every reader of the page (isEmpty, storeIds...): not a page.
            if (floor == null) {
                throw new MalformedPageException("null floor");
            }
            for (StoreCard store : floor.stores()) {
                if (store == null || store.storeId() == null || store.storeId().isEmpty()) {
                    throw new MalformedPageException("store card without a storeId in floor " + floor.floorId());
                }
            }
            for (ProductCard product : floor.products()) {
                if (product == null || product.skuId() == null || product.storeId() == null) {
                    throw new MalformedPageException("product card without skuId or storeId in floor " + floor.floorId());
                }
            }
            for (LocationPage.ChannelEntry entry : floor.channels()) {
                // channelEntries() could not name it: an entry to a channel nobody knows is no page of ours.
                if (entry == null || !isChannel(entry.channel())) {
                    throw new MalformedPageException("channel entry without a known channel in floor " + floor.floorId()
                            + ": " + (entry == null ? null : entry.channel()) + "; expected one of " + Channel.ids());
                }
            }
        }
        return page;
    }

    private static boolean isChannel(String id) {
        for (Channel channel : Channel.values()) {
            if (channel.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Reads a store's category tree. */
    public StoreCategoriesPage categories(byte[] json) {
        StoreCategoriesPage page = read(json, StoreCategoriesPage.class);
        if (!"store-categories".equals(page.kind()) || page.storeId() == null) {
            throw new MalformedPageException("not a store category tree: kind=" + page.kind());
        }
        checkCategories(page.categories());
        return page;
    }

    private static void checkCategories(List<StoreCategoriesPage.Category> categories) {
        for (StoreCategoriesPage.Category category : categories) {
            // leaves() walks the tree: a null in it is no tree.
            if (category == null) {
                throw new MalformedPageException("null category in the tree");
            }
            checkCategories(category.children());
        }
    }

    /** Reads one page of a category's products. */
    public StoreProductsPage products(byte[] json) {
        StoreProductsPage page = read(json, StoreProductsPage.class);
        if (!"store-products".equals(page.kind()) || page.storeId() == null || page.categoryId() == null) {
            throw new MalformedPageException("not a store products page: kind=" + page.kind());
        }
        return page;
    }

    private <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MalformedPageException("empty answer (no bytes)");
        }
        try {
            T page = mapper.readValue(json, type);
            if (page == null) {
                throw new MalformedPageException("empty answer (JSON null)");
            }
            return page;
        } catch (JacksonException e) {
            throw new MalformedPageException("not valid page JSON: " + e.getOriginalMessage(), e);
        }
    }
}
