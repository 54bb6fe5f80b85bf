/**
 * The end of a run: verify that Redis holds what was written, measure coverage, publish the
 * generation atomically or refuse it (the previous one keeps serving), and apply retention.
 */
package dev.hexsnap.worker.publish;
