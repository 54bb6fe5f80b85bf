/**
 * Who calls the snapshot endpoints and how often: optional per-caller bearer tokens (401
 * without one) and per-caller request limits (429 with {@code Retry-After}), so that one
 * runaway service cannot starve the others during an outage.
 */
package dev.hexsnap.api.callers;
