/**
 * Warming the hot cache before traffic needs it: after a publish, a change of the served
 * generation or a start, the entries of the hottest cells (by the grid's request counts the
 * worker publishes with each generation) are read into the hot cache and its body files,
 * hottest first, within the cache budget and a byte rate; and the share of requests the budget
 * covers is reported.
 */
package dev.hexsnap.api.warmup;
