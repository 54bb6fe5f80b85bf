/**
 * The hexagon diff itself: the seven points of a cell, what the generation stores for it, and
 * the probing of the live upstream at every point, with progress.
 */
package dev.hexsnap.diff.probe;
