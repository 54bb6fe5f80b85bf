/**
 * A run's identity (generation id, slot, the moment crawled, resolutions, grid build) and the
 * worker's ledger of generations in MySQL: which execution works on one, its heartbeat, and
 * the coverage verdict that published or refused it.
 */
package dev.hexsnap.worker.generation;
