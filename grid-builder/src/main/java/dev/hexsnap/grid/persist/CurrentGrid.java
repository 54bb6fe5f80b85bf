package dev.hexsnap.grid.persist;

import java.time.Instant;

/**
 * The row of {@code grid_current}: the build every later stage reads.
 *
 * @param buildId         the current build
 * @param previousBuildId the build it replaced, null for the first
 * @param switchedAt      when it became current
 */
public record CurrentGrid(String buildId, String previousBuildId, Instant switchedAt) {
}
