package dev.hexsnap.core.upstream;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.upstream.contract.CategoryFacts;
import dev.hexsnap.core.upstream.contract.LocationFacts;
import dev.hexsnap.core.upstream.contract.PageArgs;
import dev.hexsnap.core.upstream.contract.PageRejectedException;
import dev.hexsnap.core.upstream.contract.ProductFacts;
import dev.hexsnap.core.upstream.contract.UpstreamContract;

import java.net.URI;
import java.time.Instant;

/**
 * The four page kinds as every stage asks for them: built by the {@link UpstreamContract}, sent
 * through the one {@link UpstreamClient}, read back by the contract in one streaming pass. An
 * answer that breaks a rule of the contract (not JSON, an envelope failure, another page than
 * asked) is retried and never kept. With {@code rejectEmpty} (the crawl) an empty page is too; the
 * diff keeps empty live pages, which it scores as such.
 *
 * <p>Thread-safe.
 */
public final class UpstreamPages {

    private final UpstreamContract contract;
    private final UpstreamClient client;
    private final URI baseUrl;
    private final String account;
    private final int pageSize;
    private final boolean rejectEmpty;

    public UpstreamPages(UpstreamContract contract, UpstreamClient client, URI baseUrl, UpstreamSettings settings, boolean rejectEmpty) {
        this.contract = contract;
        this.client = client;
        this.baseUrl = baseUrl;
        this.account = settings.account();
        this.pageSize = settings.pageSize();
        this.rejectEmpty = rejectEmpty;
    }

    public UpstreamContract contract() {
        return contract;
    }

    public UpstreamClient client() {
        return client;
    }

    /** The home page of a location as the configured account sees it at {@code at}. */
    public Fetched<LocationFacts> home(LatLng point, Instant at) throws PageFetchException, InterruptedException {
        return location(PageKind.HOME, PageArgs.home(point, account, at));
    }

    /** A channel page of a location; {@code channel} is one of the contract's channel ids. */
    public Fetched<LocationFacts> channel(String channel, LatLng point, Instant at) throws PageFetchException, InterruptedException {
        return location(PageKind.CHANNEL, PageArgs.channel(channel, point, account, at));
    }

    private Fetched<LocationFacts> location(PageKind kind, PageArgs args) throws PageFetchException, InterruptedException {
        return client.fetch(contract.request(kind, baseUrl, args), body -> {
            LocationFacts page = contract.location(kind, body, args);
            if (rejectEmpty && page.empty()) {
                throw new PageRejectedException(PageRejectedException.Reason.EMPTY, "serviceable " + kind.id()
                        + (args.channel() == null ? "" : " " + args.channel()) + " page without stores or products");
            }
            return page;
        });
    }

    /** A store's category tree; a store that is not open comes back as it is (the caller skips it). */
    public Fetched<CategoryFacts> categories(String storeId, Instant at) throws PageFetchException, InterruptedException {
        PageArgs args = PageArgs.categories(storeId, at);
        return client.fetch(contract.request(PageKind.STORE_CATEGORIES, baseUrl, args), body -> {
            CategoryFacts page = contract.categories(body, args);
            if (rejectEmpty && page.empty()) {
                throw new PageRejectedException(PageRejectedException.Reason.EMPTY, "open store without categories");
            }
            return page;
        });
    }

    /** One page (1-based) of a category's products. */
    public Fetched<ProductFacts> products(String storeId, String categoryId, int pageNumber, Instant at)
            throws PageFetchException, InterruptedException {
        PageArgs args = PageArgs.products(storeId, categoryId, pageNumber, pageSize, at);
        return client.fetch(contract.request(PageKind.STORE_PRODUCTS, baseUrl, args), body -> {
            ProductFacts page = contract.products(body, args);
            if (rejectEmpty && page.empty()) {
                throw new PageRejectedException(PageRejectedException.Reason.EMPTY, "products page " + pageNumber + " of "
                        + page.totalPages() + " without products");
            }
            return page;
        });
    }
}
