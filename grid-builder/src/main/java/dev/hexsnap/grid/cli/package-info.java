/**
 * The operator's side of grid-builder: the {@code build}, {@code status} and {@code list}
 * commands, progress on stderr, and the summary tables on stdout.
 */
package dev.hexsnap.grid.cli;
