/**
 * Failure drills: per-endpoint latency, error, timeout and empty-answer rates and full
 * outages, honoured statistically request by request.
 */
package dev.hexsnap.upstream.faults;
