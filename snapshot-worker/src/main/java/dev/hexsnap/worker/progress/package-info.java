/**
 * What operators see while a run goes and when it ends: heartbeat, progress lines (done of
 * total, pages/s, ETA), time-budget and failure alerts, the end-of-run summary.
 */
package dev.hexsnap.worker.progress;
