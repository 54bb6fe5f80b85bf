package dev.hexsnap.worker.crawl;

import dev.hexsnap.core.geo.LatLng;

/**
 * A hot cell to crawl, as the grid describes it.
 *
 * @param resolution H3 resolution
 * @param cell       H3 index
 * @param seq        its number within the build and resolution (the partitions' range key)
 * @param hotspot    where its pages are asked for
 */
public record CellItem(int resolution, long cell, int seq, LatLng hotspot) {
}
