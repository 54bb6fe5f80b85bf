/**
 * The store step: the stores the cells' pages showed, de-duplicated across cells in MySQL,
 * closed ones skipped, each crawled once per run (category tree and the first product pages
 * of every leaf category).
 */
package dev.hexsnap.worker.store;
