package dev.hexsnap.api.store;

import dev.hexsnap.api.direct.DirectRoute;
import dev.hexsnap.api.error.ApiException;
import dev.hexsnap.api.negotiation.Served;
import dev.hexsnap.api.negotiation.SnapshotServing;
import dev.hexsnap.api.rollout.RolloutSubjects;
import dev.hexsnap.api.source.SnapshotReader;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves store pages: a store's category tree and a page of a category's products. Store and
 * category ids are checked against the stored key alphabet before any lookup, so nothing like
 * {@code ../} or {@code a:b} ever reaches a Redis key. The one implementation behind both
 * {@link StoreController} (Spring MVC) and the direct route ({@link #serve(String,
 * HttpServletRequest, HttpServletResponse)}), which only differ in how they read the path.
 *
 * <p>Thread-safe, stateless beyond its collaborators.
 */
final class StorePages implements DirectRoute {

    static final String PREFIX = "/v1/snapshots/store/";
    private static final String CATEGORIES = "/categories";
    private static final String PRODUCTS = "/products";
    private static final Pattern PAGE = Pattern.compile("\\d{1,4}");

    private final SnapshotServing serving;
    private final SnapshotReader reader;
    private final int maxPage;

    StorePages(SnapshotServing serving, SnapshotReader reader, int maxPage) {
        this.serving = serving;
        this.reader = reader;
        this.maxPage = maxPage;
    }

    void categories(String storeId, String userId, String city, HttpServletRequest request,
                    HttpServletResponse response) throws IOException {
        SnapshotServing.mark(request, PageKind.STORE_CATEGORIES);
        SnapshotKey key = new SnapshotKey.StoreCategories(id("storeId", storeId));
        serving.serve(PageKind.STORE_CATEGORIES, RolloutSubjects.of(request, userId, city, storeId), request, response,
                at -> Served.store(reader.read(at.published().generation(), key).orElseThrow(() -> ApiException.notFound(
                        "store-not-found", "no snapshot of store " + storeId + " in generation " + at.published().generation()
                                + ": unknown, closed, or not shown on any backed-up page")), key));
    }

    void products(String storeId, String categoryId, String page, String userId, String city,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        SnapshotServing.mark(request, PageKind.STORE_PRODUCTS);
        String store = id("storeId", storeId);
        String category = id("categoryId", categoryId);
        int number = page(page);
        SnapshotKey key = new SnapshotKey.StoreProducts(store, category, number);
        serving.serve(PageKind.STORE_PRODUCTS, RolloutSubjects.of(request, userId, city, store), request, response, at -> {
            String generation = at.published().generation();
            Optional<SnapshotEntry> entry = reader.read(generation, key);
            if (entry.isPresent()) {
                return Served.store(entry.get(), key);
            }
            if (reader.read(generation, new SnapshotKey.StoreCategories(store)).isEmpty()) {
                throw ApiException.notFound("store-not-found", "no snapshot of store " + store + " in generation " + generation);
            }
            throw ApiException.notFound("products-not-found", "no snapshot of page " + number + " of category " + category
                    + " of store " + store + " in generation " + generation);
        });
    }

    /** {@code /v1/snapshots/store/{storeId}/categories[/{categoryId}/products]}. */
    @Override
    public boolean serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        int storeEnd = path.indexOf('/', PREFIX.length());
        if (storeEnd <= PREFIX.length() || !path.startsWith(CATEGORIES, storeEnd)) {
            return false;
        }
        String storeId = path.substring(PREFIX.length(), storeEnd);
        int afterCategories = storeEnd + CATEGORIES.length();
        if (afterCategories == path.length()) {
            categories(storeId, DirectRoute.parameter(request, "userId"), DirectRoute.parameter(request, "city"),
                    request, response);
            return true;
        }
        int categoryEnd = path.indexOf('/', afterCategories + 1);
        if (path.charAt(afterCategories) != '/' || categoryEnd <= afterCategories + 1
                || !path.substring(categoryEnd).equals(PRODUCTS)) {
            return false;
        }
        products(storeId, path.substring(afterCategories + 1, categoryEnd), DirectRoute.parameter(request, "page"),
                DirectRoute.parameter(request, "userId"), DirectRoute.parameter(request, "city"), request, response);
        return true;
    }

    private static String id(String name, String value) {
        if (value == null || !SnapshotKey.ID.matcher(value).matches()) {
            throw ApiException.badParameter(name, name + " must be 1-64 of A-Z, a-z, 0-9, '-' and '_'");
        }
        return value;
    }

    private int page(String value) {
        if (value == null) {
            return 1;
        }
        String v = value.strip();
        if (!PAGE.matcher(v).matches()) {
            throw ApiException.badParameter("page", "page must be a whole number within [1, " + maxPage + "]");
        }
        int number = Integer.parseInt(v);
        if (number < 1 || number > maxPage) {
            throw ApiException.badParameter("page", "page must be within [1, " + maxPage
                    + "]: only the first " + maxPage + " pages of a category are backed up, got " + number);
        }
        return number;
    }
}
