/**
 * The worker's side of the page upstream: the HTTP client behind core's
 * {@link dev.hexsnap.core.upstream.RequestCeiling} (requests per second over any one-second
 * window, requests in flight; the diff-checker passes the same one), timeouts, retries with back-off
 * and jitter, the circuit breaker, and the checks that keep empty or malformed pages out of
 * the snapshots.
 */
package dev.hexsnap.worker.upstream;
