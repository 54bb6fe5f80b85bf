package dev.hexsnap.core.page;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads page summaries from Jackson's token stream in one pass, building no page: the
 * crawler's check of a 600 KB home page then costs a tokenisation instead of thousands of
 * cards it throws away.
 *
 * <p>It must never accept what the full reader ({@link PageInspector#locationPage} and the
 * others) rejects, nor derive anything else from a page both accept. So it takes only the
 * canonical shape, and defers everything else to the full reader by throwing {@link Unusual}:
 * every field of the page model is type-checked (the token the model declares, or null for
 * objects and strings), a known field given twice, a null where the model has a number, a
 * boolean or a list element, a token data binding would coerce (a number as a string, a
 * float for an int...), a date that is not ISO-8601, trailing content, and any page that
 * breaks one of the full reader's rules. Unknown fields are skipped (and so still checked
 * for syntax), as data binding does. A deferred page is read twice; only malformed or odd
 * pages are, which are rare.
 *
 * <p>One instance per page; not thread-safe.
 */
final class PageSummaryReader {

    /** The page is not in canonical shape: let the full reader decide. Cheap: no stack trace. */
    static final class Unusual extends RuntimeException {

        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super("page not in canonical shape", null, false, false);
        }
    }

    private final JsonParser p;
    private final boolean failOnTrailingTokens;

    PageSummaryReader(JsonParser parser, boolean failOnTrailingTokens) {
        this.p = parser;
        this.failOnTrailingTokens = failOnTrailingTokens;
    }

    // ------------------------------------------------------------------ home and channel pages

    /** What one page's floors add up to. */
    private static final class LocationState {
        final Map<String, String> statuses = new LinkedHashMap<>();
        final List<Channel> channels = new ArrayList<>();
        boolean showsSomething;
    }

    LocationSummary location() {
        root();
        String kind = null;
        String channel = null;
        double lat = 0;
        double lng = 0;
        boolean serviceable = false;
        LocationState state = new LocationState();
        int seen = 0;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "kind" -> { seen = once(seen, 1); kind = string(t); }
                case "channel" -> { seen = once(seen, 1 << 1); channel = string(t); }
                case "account" -> { seen = once(seen, 1 << 2); checkString(t); }
                case "slot" -> { seen = once(seen, 1 << 3); checkString(t); }
                case "lat" -> { seen = once(seen, 1 << 4); lat = doubleValue(t); }
                case "lng" -> { seen = once(seen, 1 << 5); lng = doubleValue(t); }
                case "serviceable" -> { seen = once(seen, 1 << 6); serviceable = bool(t); }
                case "generatedAt" -> { seen = once(seen, 1 << 7); checkInstant(t); }
                case "floors" -> { seen = once(seen, 1 << 8); floors(t, state); }
                default -> p.skipChildren();
            }
        }
        end();
        // The full reader's rules; a page that breaks one is deferred to it, for its message.
        if (!"home".equals(kind) && !"channel".equals(kind)) {
            throw Unusual.INSTANCE;
        }
        if ("channel".equals(kind)) {
            channelOf(channel);
        }
        List<Channel> entries = state.channels.stream().distinct().toList();
        return new LocationSummary(kind, channel, lat, lng, serviceable, serviceable && !state.showsSomething,
                LocationSummary.mentions(state.statuses), entries);
    }

    private void floors(JsonToken t, LocationState state) {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expect(t, JsonToken.START_ARRAY);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(e, JsonToken.START_OBJECT);
            floor(state);
        }
    }

    private void floor(LocationState state) {
        // A floor's stores come before its products in page order, whatever the field order in the JSON.
        List<String[]> cards = new ArrayList<>();
        List<String> productStores = new ArrayList<>();
        int seen = 0;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "floorId" -> { seen = once(seen, 1); checkString(t); }
                case "type" -> { seen = once(seen, 1 << 1); checkString(t); }
                case "title" -> { seen = once(seen, 1 << 2); checkString(t); }
                case "banners" -> { seen = once(seen, 1 << 3); banners(t); }
                case "channels" -> { seen = once(seen, 1 << 4); channelEntries(t, state.channels); }
                case "stores" -> { seen = once(seen, 1 << 5); storeCards(t, cards); }
                case "products" -> { seen = once(seen, 1 << 6); productCards(t, productStores); }
                default -> p.skipChildren();
            }
        }
        end();
        for (String[] card : cards) {
            LocationSummary.mention(state.statuses, card[0], card[1]);
        }
        for (String storeId : productStores) {
            LocationSummary.mention(state.statuses, storeId, null);
        }
        if (!cards.isEmpty() || !productStores.isEmpty()) {
            state.showsSomething = true;
        }
    }

    private void banners(JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expect(t, JsonToken.START_ARRAY);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(e, JsonToken.START_OBJECT);
            int seen = 0;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "bannerId" -> { seen = once(seen, 1); checkString(v); }
                    case "title" -> { seen = once(seen, 1 << 1); checkString(v); }
                    case "image" -> { seen = once(seen, 1 << 2); checkString(v); }
                    case "link" -> { seen = once(seen, 1 << 3); checkString(v); }
                    default -> p.skipChildren();
                }
            }
            end();
        }
    }

    private void channelEntries(JsonToken t, List<Channel> into) {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expect(t, JsonToken.START_ARRAY);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(e, JsonToken.START_OBJECT);
            String channel = null;
            int seen = 0;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "channel" -> { seen = once(seen, 1); channel = string(v); }
                    case "title" -> { seen = once(seen, 1 << 1); checkString(v); }
                    case "icon" -> { seen = once(seen, 1 << 2); checkString(v); }
                    default -> p.skipChildren();
                }
            }
            end();
            into.add(channelOf(channel));
        }
    }

    private void storeCards(JsonToken t, List<String[]> into) {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expect(t, JsonToken.START_ARRAY);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(e, JsonToken.START_OBJECT);
            String storeId = null;
            String status = null;
            int seen = 0;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "storeId" -> { seen = once(seen, 1); storeId = string(v); }
                    case "name" -> { seen = once(seen, 1 << 1); checkString(v); }
                    case "logo" -> { seen = once(seen, 1 << 2); checkString(v); }
                    case "channels" -> { seen = once(seen, 1 << 3); checkStrings(v); }
                    case "rating" -> { seen = once(seen, 1 << 4); checkDouble(v); }
                    case "monthlySales" -> { seen = once(seen, 1 << 5); checkInt(v); }
                    case "distanceMetres" -> { seen = once(seen, 1 << 6); checkInt(v); }
                    case "deliveryMinutes" -> { seen = once(seen, 1 << 7); checkInt(v); }
                    case "deliveryFeeCents" -> { seen = once(seen, 1 << 8); checkInt(v); }
                    case "minOrderCents" -> { seen = once(seen, 1 << 9); checkInt(v); }
                    case "status" -> { seen = once(seen, 1 << 10); status = string(v); }
                    case "tags" -> { seen = once(seen, 1 << 11); checkStrings(v); }
                    default -> p.skipChildren();
                }
            }
            end();
            if (storeId == null || storeId.isEmpty()) {
                throw Unusual.INSTANCE;
            }
            into.add(new String[]{storeId, status});
        }
    }

    /** Product cards; with {@code storeIds} null they are only checked (a products page). */
    private int productCards(JsonToken t, List<String> storeIds) {
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        expect(t, JsonToken.START_ARRAY);
        int count = 0;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(e, JsonToken.START_OBJECT);
            boolean hasSku = false;
            String storeId = null;
            int seen = 0;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "skuId" -> { seen = once(seen, 1); checkString(v); hasSku = v == JsonToken.VALUE_STRING; }
                    case "storeId" -> {
                        seen = once(seen, 1 << 1);
                        if (storeIds != null) {
                            storeId = string(v);
                        } else {
                            checkString(v);
                        }
                    }
                    case "name" -> { seen = once(seen, 1 << 2); checkString(v); }
                    case "image" -> { seen = once(seen, 1 << 3); checkString(v); }
                    case "priceCents" -> { seen = once(seen, 1 << 4); checkLong(v); }
                    case "originalPriceCents" -> { seen = once(seen, 1 << 5); checkLong(v); }
                    case "stock" -> { seen = once(seen, 1 << 6); checkInt(v); }
                    case "status" -> { seen = once(seen, 1 << 7); checkString(v); }
                    case "monthlySales" -> { seen = once(seen, 1 << 8); checkInt(v); }
                    case "tags" -> { seen = once(seen, 1 << 9); checkStrings(v); }
                    default -> p.skipChildren();
                }
            }
            end();
            if (storeIds != null) {
                if (!hasSku || storeId == null) {
                    throw Unusual.INSTANCE;
                }
                storeIds.add(storeId);
            }
            count++;
        }
        return count;
    }

    // ------------------------------------------------------------------ store pages

    StoreCategoriesSummary categories() {
        root();
        String kind = null;
        String storeId = null;
        String status = null;
        List<StoreCategoriesSummary.Leaf> leaves = new ArrayList<>();
        int topLevel = 0;
        int seen = 0;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "kind" -> { seen = once(seen, 1); kind = string(t); }
                case "storeId" -> { seen = once(seen, 1 << 1); storeId = string(t); }
                case "storeName" -> { seen = once(seen, 1 << 2); checkString(t); }
                case "status" -> { seen = once(seen, 1 << 3); status = string(t); }
                case "generatedAt" -> { seen = once(seen, 1 << 4); checkInstant(t); }
                case "categories" -> { seen = once(seen, 1 << 5); topLevel = categoryList(t, leaves); }
                default -> p.skipChildren();
            }
        }
        end();
        if (!"store-categories".equals(kind) || storeId == null) {
            throw Unusual.INSTANCE;
        }
        return new StoreCategoriesSummary(storeId, status, topLevel == 0, leaves);
    }

    /** A list of categories; adds their leaves in depth-first order and returns how many there are. */
    private int categoryList(JsonToken t, List<StoreCategoriesSummary.Leaf> leaves) {
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        expect(t, JsonToken.START_ARRAY);
        int count = 0;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(e, JsonToken.START_OBJECT);
            category(leaves);
            count++;
        }
        return count;
    }

    private void category(List<StoreCategoriesSummary.Leaf> leaves) {
        String categoryId = null;
        int productCount = 0;
        int children = 0;
        int seen = 0;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "categoryId" -> { seen = once(seen, 1); categoryId = string(t); }
                case "name" -> { seen = once(seen, 1 << 1); checkString(t); }
                case "productCount" -> { seen = once(seen, 1 << 2); productCount = intValue(t); }
                // A leaf has no child; a parent's leaves are added while its children are read, which is depth-first order.
                case "children" -> { seen = once(seen, 1 << 3); children = categoryList(t, leaves); }
                default -> p.skipChildren();
            }
        }
        end();
        if (children == 0) {
            leaves.add(new StoreCategoriesSummary.Leaf(categoryId, productCount));
        }
    }

    StoreProductsSummary products() {
        root();
        String kind = null;
        String storeId = null;
        String categoryId = null;
        int page = 0;
        int totalPages = 0;
        int products = 0;
        int seen = 0;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "kind" -> { seen = once(seen, 1); kind = string(t); }
                case "storeId" -> { seen = once(seen, 1 << 1); storeId = string(t); }
                case "categoryId" -> { seen = once(seen, 1 << 2); categoryId = string(t); }
                case "page" -> { seen = once(seen, 1 << 3); page = intValue(t); }
                case "pageSize" -> { seen = once(seen, 1 << 4); checkInt(t); }
                case "totalProducts" -> { seen = once(seen, 1 << 5); checkInt(t); }
                case "totalPages" -> { seen = once(seen, 1 << 6); totalPages = intValue(t); }
                case "generatedAt" -> { seen = once(seen, 1 << 7); checkInstant(t); }
                case "products" -> { seen = once(seen, 1 << 8); products = productCards(t, null); }
                default -> p.skipChildren();
            }
        }
        end();
        if (!"store-products".equals(kind) || storeId == null || categoryId == null) {
            throw Unusual.INSTANCE;
        }
        return new StoreProductsSummary(storeId, categoryId, page, totalPages, products);
    }

    // ------------------------------------------------------------------ tokens

    private void root() {
        expect(p.nextToken(), JsonToken.START_OBJECT);
    }

    /** After the root object: data binding fails on trailing tokens (when so configured); so does this. */
    private void end() {
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw Unusual.INSTANCE;
        }
        if (p.streamReadContext().inRoot() && failOnTrailingTokens && p.nextToken() != null) {
            throw Unusual.INSTANCE;
        }
    }

    private static int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw Unusual.INSTANCE;
        }
        return seen | bit;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw Unusual.INSTANCE;
        }
    }

    private String string(JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw Unusual.INSTANCE;
    }

    /** A string field whose value is not needed: the tokenizer has checked it already (UTF-8 included). */
    private static void checkString(JsonToken t) {
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
            throw Unusual.INSTANCE;
        }
    }

    private void checkStrings(JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expect(t, JsonToken.START_ARRAY);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            checkString(e);
        }
    }

    private void checkInt(JsonToken t) {
        intValue(t);
    }

    private int intValue(JsonToken t) {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw Unusual.INSTANCE;
        }
        return p.getIntValue();
    }

    private void checkLong(JsonToken t) {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw Unusual.INSTANCE;
        }
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw Unusual.INSTANCE;
        }
    }

    private static void checkDouble(JsonToken t) {
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw Unusual.INSTANCE;
        }
    }

    private double doubleValue(JsonToken t) {
        checkDouble(t);
        return p.getDoubleValue();
    }

    private static boolean bool(JsonToken t) {
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw Unusual.INSTANCE;
    }

    /** An ISO-8601 instant or null: what data binding reads without coercion. */
    private void checkInstant(JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw Unusual.INSTANCE;
        }
        try {
            Instant.from(DateTimeFormatter.ISO_INSTANT.parse(p.getString()));
        } catch (DateTimeException e) {
            throw Unusual.INSTANCE;
        }
    }

    private static Channel channelOf(String id) {
        for (Channel channel : Channel.values()) {
            if (channel.id().equals(id)) {
                return channel;
            }
        }
        throw Unusual.INSTANCE;
    }
}
