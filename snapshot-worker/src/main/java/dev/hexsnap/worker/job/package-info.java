/**
 * The Spring Batch jobs: the nightly crawl ({@code snapshotJob}), the re-run of recorded
 * failures ({@code rerunFailuresJob}) and the re-crawl of stores the diff-checker asked for
 * ({@code recrawlStoresJob}), with the steps, partitioning and readers that make
 * them restartable chunk by chunk.
 */
package dev.hexsnap.worker.job;
