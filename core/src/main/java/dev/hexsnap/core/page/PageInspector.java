package dev.hexsnap.core.page;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.function.Function;

/**
 * Reads upstream answers into the page model and rejects the ones that must not be backed
 * up. Thread-safe.
 *
 * <p>Two ways to read a page, with the same rules: the full readers ({@link #locationPage},
 * {@link #categories}, {@link #products}) build the page model; the summaries
 * ({@link #locationSummary}, {@link #categoriesSummary}, {@link #productsSummary}) stream
 * through the JSON and keep only what a crawler needs, at a fraction of the cost. A summary
 * is always what the full reader would derive, and a page one rejects the other rejects too,
 * with the same message: the streaming pass takes only the canonical page shape and hands
 * anything else to the full reader.
 */
public final class PageInspector {

    private final JsonMapper mapper;
    private final boolean failOnTrailingTokens;

    public PageInspector() {
        // Upstreams add fields over time; an unknown field is not a malformed page.
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        this.failOnTrailingTokens = mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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

    /**
     * What a crawler needs of a home or channel page, read in one streaming pass: the same
     * checks as {@link #locationPage}, the same derived values, at a fraction of the cost.
     *
     * @throws MalformedPageException as {@link #locationPage} does
     */
    public LocationSummary locationSummary(byte[] json) {
        LocationSummary summary = stream(json, PageSummaryReader::location);
        return summary != null ? summary : LocationSummary.of(locationPage(json));
    }

    /**
     * What a crawler needs of a store's category tree, in one streaming pass (see {@link #locationSummary}).
     *
     * @throws MalformedPageException as {@link #categories} does
     */
    public StoreCategoriesSummary categoriesSummary(byte[] json) {
        StoreCategoriesSummary summary = stream(json, PageSummaryReader::categories);
        return summary != null ? summary : StoreCategoriesSummary.of(categories(json));
    }

    /**
     * What a crawler needs of a products page, in one streaming pass (see {@link #locationSummary}).
     *
     * @throws MalformedPageException as {@link #products} does
     */
    public StoreProductsSummary productsSummary(byte[] json) {
        StoreProductsSummary summary = stream(json, PageSummaryReader::products);
        return summary != null ? summary : StoreProductsSummary.of(products(json));
    }

    /** The streaming pass; null when the page is not in canonical shape and the full reader must decide. */
    private <T> T stream(byte[] json, Function<PageSummaryReader, T> read) {
        if (json == null || json.length == 0) {
            return null;
        }
        try (JsonParser parser = mapper.createParser(json)) {
            return read.apply(new PageSummaryReader(parser, failOnTrailingTokens));
        } catch (PageSummaryReader.Unusual | JacksonException e) {
            return null;
        }
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
