package dev.hexsnap.grid.build;

import dev.hexsnap.grid.aggregate.ResolutionResult;
import dev.hexsnap.grid.persist.CurrentGrid;
import dev.hexsnap.grid.points.ReadSummary;

import java.time.Duration;
import java.util.List;

/**
 * What a completed build did, for its summary.
 *
 * @param buildId        the build
 * @param regions        region names, in the order given
 * @param read           what reading the points found
 * @param results        per resolution, in the order asked
 * @param current        the grid after the switch
 * @param wasCurrent     true when this very build was already current (an idempotent re-run)
 * @param readTime       the pass over the points
 * @param writeTime      writing the rows and switching
 * @param totalTime      the whole build, covering the regions included
 */
public record BuildReport(String buildId, List<String> regions, ReadSummary read, List<ResolutionResult> results,
                          CurrentGrid current, boolean wasCurrent, Duration readTime, Duration writeTime,
                          Duration totalTime) {

    /** Data lines per second during the pass over the points. */
    public double pointsPerSecond() {
        double seconds = readTime.toNanos() / 1e9;
        return seconds <= 0 ? 0 : read.lines() / seconds;
    }
}
