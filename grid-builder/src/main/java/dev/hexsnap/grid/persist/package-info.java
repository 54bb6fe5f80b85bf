/**
 * The grid in MySQL: builds, their per-resolution figures, their hot cells (batched upserts),
 * and the one-row pointer to the current build, switched in one transaction at the end.
 */
package dev.hexsnap.grid.persist;
