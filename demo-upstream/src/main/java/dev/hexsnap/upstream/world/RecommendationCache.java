package dev.hexsnap.upstream.world;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.ProductCard;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Keeps the recommendation lists of recently seen stores: a store covers dozens of cells, so the
 * pages of neighbouring points (and the worker's neighbouring cells) ask for the same lists
 * within the hour. Bounded by the number of products held; when full it
 * starts afresh, which is crude but cheap and keeps memory flat. Caching never changes an
 * answer: a list is a pure function of its key.
 */
final class RecommendationCache {

    /** About 80 MB of product cards (some 400 bytes each with their strings). */
    static final long MAX_PRODUCTS = 200_000;

    record Key(String storeId, Channel channel, long salt, long hourBucket, long dayBucket, boolean night, int count) {
    }

    private final Map<Key, List<ProductCard>> lists = new ConcurrentHashMap<>();
    private final AtomicLong products = new AtomicLong();

    List<ProductCard> get(Key key, Supplier<List<ProductCard>> compute) {
        List<ProductCard> cached = lists.get(key);
        if (cached != null) {
            return cached;
        }
        List<ProductCard> computed = compute.get();
        if (products.addAndGet(computed.size()) > MAX_PRODUCTS) {
            lists.clear();
            products.set(computed.size());
        }
        lists.put(key, computed);
        return computed;
    }
}
