/**
 * Pages that still failed after every retry, recorded per generation, target (cell or
 * store) and page in MySQL, so that {@code rerun-failures} re-crawls only those.
 */
package dev.hexsnap.worker.failure;
