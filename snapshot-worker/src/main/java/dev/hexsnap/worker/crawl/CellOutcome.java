package dev.hexsnap.worker.crawl;

import dev.hexsnap.core.snapshot.SnapshotEntryCodec.EncodedEntry;
import dev.hexsnap.worker.failure.PageFailure;

import java.util.List;
import java.util.Map;

/**
 * What crawling one cell produced: the pages to store, the pages that failed, and the stores
 * its pages showed.
 *
 * @param cell        the cell
 * @param entries     encoded pages, ready to write
 * @param failures    pages that failed after every retry
 * @param serviceable what the home page said; null when the home page failed
 * @param channels    channels the home page offers
 * @param stores      stores shown, by id
 * @param rawBytes    uncompressed size of the stored pages
 * @param storedBytes stored size of those pages
 */
public record CellOutcome(CellItem cell, List<EncodedEntry> entries, List<PageFailure> failures, Boolean serviceable,
                          List<String> channels, Map<String, StoreSighting> stores, long rawBytes, long storedBytes) {

    /** Every page of the cell is stored. */
    public boolean complete() {
        return failures.isEmpty();
    }
}
