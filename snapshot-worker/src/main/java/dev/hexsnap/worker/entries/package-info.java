/**
 * Getting encoded pages into a generation in Redis: pipelined, acknowledged, and resent
 * through a short Redis outage.
 */
package dev.hexsnap.worker.entries;
