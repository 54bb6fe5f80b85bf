package dev.hexsnap.diff.upstream;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.core.upstream.RequestCeiling;

import java.time.Instant;

/**
 * The live pages, as the diff asks for them: always as the generic (non-personalised) account,
 * at a given moment. Implementations pass every request (retries included) through core's
 * {@link RequestCeiling}, the same ceiling the snapshot-worker's crawl passes, and are thread-safe.
 */
public interface UpstreamPages {

    /**
     * The home page at a point.
     *
     * @throws UpstreamException when the upstream fails to answer with a page (after retries)
     */
    LocationPage home(LatLng point, Instant at);

    /** A channel page at a point. */
    LocationPage channel(Channel channel, LatLng point, Instant at);

    /** A store's category tree. */
    StoreCategoriesPage categories(String storeId, Instant at);

    /** One page (1-based) of the products of a store's category. */
    StoreProductsPage products(String storeId, String categoryId, int page, Instant at);

    /** The ceiling the requests pass, with what it observed. */
    RequestCeiling ceiling();

    /** Requests that failed after their retries, and retries made. */
    Failures failures();

    /**
     * @param failed  requests given up on
     * @param retried further attempts made
     */
    record Failures(long failed, long retried) {
    }
}
