package dev.hexsnap.core.snapshot;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;

import java.time.Instant;

/**
 * What a reader needs to know about a stored page besides its bytes.
 *
 * @param generation  the generation the entry belongs to
 * @param slot        day or night content
 * @param crawledAt   when the worker fetched the page from the upstream
 * @param etag        content hash of the uncompressed page (128 bits of SHA-256, hex): the HTTP ETag
 * @param rawLength   size of the uncompressed page in bytes
 * @param sourceCell  the H3 cell whose hotspot the page was fetched for; 0 for store pages
 * @param hotspot     the location the page was fetched for; null for store pages
 */
public record EntryMetadata(
        String generation,
        Slot slot,
        Instant crawledAt,
        String etag,
        int rawLength,
        long sourceCell,
        LatLng hotspot) {
}
