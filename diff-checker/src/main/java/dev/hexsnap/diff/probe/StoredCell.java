package dev.hexsnap.diff.probe;

import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.similarity.PageContent;

import java.util.Map;
import java.util.Set;

/**
 * A sampled cell and what the generation holds for it.
 *
 * @param cell     the cell
 * @param home     its stored home page; null when the generation has none (or it is corrupt)
 * @param channels its stored channel pages, by channel
 * @param storeIds every store its stored pages show (as a card or through a product)
 */
public record StoredCell(HotCell cell, PageContent home, Map<String, PageContent> channels, Set<String> storeIds) {
}
