/**
 * The whole pipeline in one command ({@code ./hexsnap demo}) and the outage drill
 * ({@code ./hexsnap drill}). Every stage runs as its own program, exactly as an operator
 * runs it; this module only orchestrates them and reports.
 */
package dev.hexsnap.demo;
