/**
 * {@code ./hexsnap worker}: run, restart, rerun-failures, generations, failures, rollback,
 * show and status, parsed before Spring starts.
 */
package dev.hexsnap.worker.cli;
