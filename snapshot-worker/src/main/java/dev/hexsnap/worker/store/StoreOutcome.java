package dev.hexsnap.worker.store;

import dev.hexsnap.core.snapshot.SnapshotEntryCodec.EncodedEntry;
import dev.hexsnap.worker.failure.PageFailure;

import java.util.List;

/**
 * What crawling one store produced.
 *
 * @param store       the store
 * @param status      COMPLETE, FAILED or CLOSED (see {@link StoreRegistry})
 * @param entries     encoded pages, ready to write
 * @param failures    pages that failed after every retry
 * @param leafPages   product pages stored per leaf category, {@code categoryId:pages,...}; null when none
 * @param rawBytes    uncompressed size of the stored pages
 * @param storedBytes stored size of those pages
 */
public record StoreOutcome(StoreItem store, String status, List<EncodedEntry> entries, List<PageFailure> failures,
                           String leafPages, long rawBytes, long storedBytes) {
}
