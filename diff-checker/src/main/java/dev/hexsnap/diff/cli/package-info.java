/**
 * The command line: {@code hexsnap diff run} and {@code hexsnap diff history}, on the shared
 * {@link dev.hexsnap.core.cli} conventions (help everywhere, one-line errors, exit status 2).
 */
package dev.hexsnap.diff.cli;
