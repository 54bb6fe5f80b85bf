/**
 * The fallback API: serves the published snapshots to SOA services whose upstream returned
 * nothing, fast and honest about freshness. Features live in their own packages
 * ({@code location}, {@code store}, {@code negotiation}, {@code rollout}, {@code ops},
 * {@code health}); {@code direct} serves the snapshot endpoints without Spring MVC's dispatch;
 * {@code config} wires them.
 */
package dev.hexsnap.api;
