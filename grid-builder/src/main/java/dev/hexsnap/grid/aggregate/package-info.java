/**
 * The single pass over the points: per resolution, requests per covering cell and a bounded
 * sketch of where in each cell they concentrate; then the operator's thresholds pick the hot
 * cells and each gets its hotspot, checked to lie inside its cell.
 */
package dev.hexsnap.grid.aggregate;
