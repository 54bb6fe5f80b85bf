package dev.hexsnap.diff.cost;

import java.util.Map;

/**
 * What a generation occupies in Redis, measured key by key (the stored values' lengths:
 * header and gzip body, without Redis's own per-key overhead).
 *
 * @param generation  the generation measured
 * @param resolutions per resolution, its location pages (home and channels)
 * @param storeKeys   store pages (category trees and product pages): shared by all resolutions
 * @param storeBytes  their bytes
 * @param otherKeys   keys that are neither (should be none)
 * @param otherBytes  their bytes
 */
public record Storage(String generation, Map<Integer, LocationPages> resolutions, long storeKeys, long storeBytes,
                      long otherKeys, long otherBytes) {

    /**
     * @param cells     cells with a stored home page
     * @param keys      home and channel pages
     * @param bytes     their stored bytes
     */
    public record LocationPages(long cells, long keys, long bytes) {
    }

    public long totalBytes() {
        return resolutions.values().stream().mapToLong(LocationPages::bytes).sum() + storeBytes + otherBytes;
    }

    public LocationPages of(int resolution) {
        return resolutions.getOrDefault(resolution, new LocationPages(0, 0, 0));
    }
}
