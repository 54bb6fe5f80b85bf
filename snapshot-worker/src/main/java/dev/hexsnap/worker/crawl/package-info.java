/**
 * The cell step: the hot cells of the grid, read by range partitions, each crawled for its
 * home page and the channel pages it offers, and recorded with the stores its pages show.
 */
package dev.hexsnap.worker.crawl;
