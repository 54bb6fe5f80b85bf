/**
 * Alerts when a run overruns its time budget, fails too much, stops on an error, or has its
 * publishing refused: ERROR log line, Micrometer counter, optional JSON webhook.
 */
package dev.hexsnap.worker.alert;
