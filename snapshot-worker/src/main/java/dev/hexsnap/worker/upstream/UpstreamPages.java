package dev.hexsnap.worker.upstream;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationSummary;
import dev.hexsnap.core.page.MalformedPageException;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.page.StoreCategoriesSummary;
import dev.hexsnap.core.page.StoreProductsSummary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The four page endpoints of the upstream contract, each answer checked before anything can
 * store it: a page of another kind, location, store, category or page number is malformed;
 * a page that shows nothing where something is due is empty; both are retried and never
 * stored. {@code serviceable=false} ("no store delivers here") and a closed store's category
 * tree are real answers and pass.
 *
 * <p>The checks read each answer's streaming summary ({@link PageInspector#locationSummary} and
 * the others): the worker stores the bytes as answered and needs only a few facts of a page
 * (its kind and location, emptiness, the stores and channels it shows, the leaves of a tree,
 * the number of product pages), not the thousands of cards a home page holds.
 *
 * <pre>
 * GET /v1/pages/home?lat=&amp;lng=&amp;account=&amp;at=
 * GET /v1/pages/channel/{channel}?lat=&amp;lng=&amp;account=&amp;at=
 * GET /v1/pages/store/{storeId}/categories?at=
 * GET /v1/pages/store/{storeId}/categories/{categoryId}/products?page=&amp;size=&amp;at=
 * </pre>
 *
 * Thread-safe.
 */
public final class UpstreamPages {

    private final UpstreamClient client;
    private final PageInspector inspector;
    private final String account;
    private final int productsPageSize;

    public UpstreamPages(UpstreamClient client, PageInspector inspector, String account, int productsPageSize) {
        this.client = client;
        this.inspector = inspector;
        this.account = account;
        this.productsPageSize = productsPageSize;
    }

    public UpstreamClient client() {
        return client;
    }

    /** The home page of a location as the generic account sees it at {@code at}. */
    public Fetched<LocationSummary> home(LatLng point, Instant at) throws PageFetchException, InterruptedException {
        String path = "/v1/pages/home?" + location(point) + "&account=" + encode(account) + "&at=" + at;
        return client.fetch(path, body -> {
            LocationSummary page = inspector.locationSummary(body);
            if (!"home".equals(page.kind())) {
                throw new MalformedPageException("asked for a home page, got kind=" + page.kind());
            }
            checkLocation(page, point);
            if (page.empty()) {
                throw new EmptyPageException("serviceable home page without stores or products");
            }
            return page;
        });
    }

    /** A channel page of a location. */
    public Fetched<LocationSummary> channel(Channel channel, LatLng point, Instant at) throws PageFetchException, InterruptedException {
        String path = "/v1/pages/channel/" + channel.id() + "?" + location(point) + "&account=" + encode(account) + "&at=" + at;
        return client.fetch(path, body -> {
            LocationSummary page = inspector.locationSummary(body);
            if (!"channel".equals(page.kind()) || !channel.id().equals(page.channel())) {
                throw new MalformedPageException("asked for channel " + channel.id() + ", got kind=" + page.kind()
                        + " channel=" + page.channel());
            }
            checkLocation(page, point);
            if (page.empty()) {
                throw new EmptyPageException("serviceable " + channel.id() + " page without stores or products");
            }
            return page;
        });
    }

    /** A store's category tree; a store that is not open comes back as it is (the caller skips it). */
    public Fetched<StoreCategoriesSummary> categories(String storeId, Instant at) throws PageFetchException, InterruptedException {
        String path = "/v1/pages/store/" + encode(storeId) + "/categories?at=" + at;
        return client.fetch(path, body -> {
            StoreCategoriesSummary page = inspector.categoriesSummary(body);
            if (!storeId.equals(page.storeId())) {
                throw new MalformedPageException("asked for store " + storeId + ", got " + page.storeId());
            }
            if (StoreCard.OPEN.equals(page.status()) && page.empty()) {
                throw new EmptyPageException("open store without categories");
            }
            return page;
        });
    }

    /** One page (1-based) of a category's products. */
    public Fetched<StoreProductsSummary> products(String storeId, String categoryId, int pageNumber, Instant at)
            throws PageFetchException, InterruptedException {
        String path = "/v1/pages/store/" + encode(storeId) + "/categories/" + encode(categoryId) + "/products?page="
                + pageNumber + "&size=" + productsPageSize + "&at=" + at;
        return client.fetch(path, body -> {
            StoreProductsSummary page = inspector.productsSummary(body);
            if (!storeId.equals(page.storeId()) || !categoryId.equals(page.categoryId()) || page.page() != pageNumber) {
                throw new MalformedPageException("asked for " + storeId + "/" + categoryId + " page " + pageNumber + ", got "
                        + page.storeId() + "/" + page.categoryId() + " page " + page.page());
            }
            if (page.empty()) {
                throw new EmptyPageException("products page " + pageNumber + " of " + page.totalPages() + " without products");
            }
            return page;
        });
    }

    private static void checkLocation(LocationSummary page, LatLng asked) {
        // A page computed for somewhere else (a mixed-up cache upstream) is no backup of this cell;
        // ~100 m of slack allows for an upstream that rounds the coordinates it echoes.
        if (Math.abs(page.lat() - asked.lat()) > 1e-3 || Math.abs(page.lng() - asked.lng()) > 1e-3) {
            throw new MalformedPageException("asked for " + asked + ", got a page for " + page.lat() + "," + page.lng());
        }
    }

    private static String location(LatLng point) {
        return "lat=" + point.lat() + "&lng=" + point.lng();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
