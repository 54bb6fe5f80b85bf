/**
 * The snapshot-worker: the nightly Spring Batch crawl of the grid's hot cells and the stores
 * their pages show, into a new gzip generation in Redis, published only when complete enough.
 */
package dev.hexsnap.worker;
