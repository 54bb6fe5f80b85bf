/**
 * The pages hexsnap backs up and their model: the kinds ({@link dev.hexsnap.core.page.PageKind}),
 * the five channels, day and night slots, the JSON shape every upstream speaks (the demo
 * upstream produces it, a production adapter maps to it), and
 * {@link dev.hexsnap.core.page.PageInspector}, which tells a usable page from an empty or
 * malformed one.
 */
package dev.hexsnap.core.page;
