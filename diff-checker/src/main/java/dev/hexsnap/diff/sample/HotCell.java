package dev.hexsnap.diff.sample;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hexsnap.core.geo.LatLng;

/**
 * A hot cell of the grid, as the worker crawled it.
 *
 * @param resolution   H3 resolution
 * @param cell         H3 index
 * @param region       city slug, e.g. {@code shanghai}
 * @param centre       the cell's centre
 * @param hotspot      where the worker fetched the cell's pages
 * @param requestCount requests counted in the cell when the grid was built
 */
public record HotCell(int resolution, long cell, String region, LatLng centre, LatLng hotspot, long requestCount) {

    /** The cell's address (lowercase hexadecimal); in the JSON too, as 64-bit numbers do not survive JavaScript. */
    @JsonProperty("address")
    public String address() {
        return Long.toHexString(cell);
    }
}
