/**
 * The reports of a run: the JSON with every figure ({@link dev.hexsnap.diff.report.DiffReport}),
 * the HTML a person reads (tables, a map of the sampled hexagons as inline SVG, the worst
 * cells, the trend), and the console summary.
 */
package dev.hexsnap.diff.report;
