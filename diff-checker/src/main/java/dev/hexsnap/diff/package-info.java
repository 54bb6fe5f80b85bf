/**
 * The diff-checker: compares published snapshots with the live upstream at seven points per
 * sampled hexagon, diffs key stores, weighs fidelity against storage cost, recommends a
 * resolution and writes the reports ({@link dev.hexsnap.diff.DiffRun} runs it all).
 */
package dev.hexsnap.diff;
