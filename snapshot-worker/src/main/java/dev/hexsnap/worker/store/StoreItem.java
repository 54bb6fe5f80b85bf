package dev.hexsnap.worker.store;

/**
 * A store to crawl.
 *
 * @param id      its row in {@code worker_store} (the partitions' range key)
 * @param storeId the upstream's store id
 */
public record StoreItem(long id, String storeId) {
}
