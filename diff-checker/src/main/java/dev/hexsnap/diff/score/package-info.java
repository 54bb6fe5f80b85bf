/**
 * The hexagon diff's figures: comparisons added up per resolution, city, page kind, page,
 * floor, cell and point.
 */
package dev.hexsnap.diff.score;
