/**
 * The diff-checker's settings ({@code hexsnap.diff.*}) and wiring.
 */
package dev.hexsnap.diff.config;
