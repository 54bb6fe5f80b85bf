/**
 * The command-line surface every hexsnap program shares: declared commands and options,
 * {@code --help} at every level, and one-line errors with exit code 2 for bad usage, so
 * that {@code ./hexsnap grid}, {@code ./hexsnap worker} and the rest feel like one tool.
 */
package dev.hexsnap.core.cli;
