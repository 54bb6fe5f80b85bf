package dev.hexsnap.grid.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of grid-builder ({@code hexsnap.grid.*}). What an operator decides per run
 * (regions, points, resolutions, thresholds) is a command-line option instead; see
 * {@code ./hexsnap grid build --help}.
 *
 * @param hotspotCellMetres   side of the micro-grid squares in which a cell's hotspot is sought;
 *                            75 m is the spacing the source used for "every point" (part of the build id)
 * @param hotspotCandidates   micro-cells tracked per cell by the heavy-hitter sketch; memory is
 *                            36 bytes × this per cell with requests (part of the build id)
 * @param maxCoveringCells    refuse regions that need more cells than this at one resolution: a guard
 *                            for the memory (about 60 bytes per covering cell)
 * @param insertBatchSize     rows per batched INSERT of grid_cell (each batch is one transaction)
 * @param badLinesShown       how many bad input lines are reported with their line numbers
 * @param progressInterval    how often progress is printed on stderr while reading and writing
 * @param connectTimeout      for a points URL: how long to wait for the server's answer
 * @param stallTimeout        for any points input: give up when it delivers nothing for this long
 */
@ConfigurationProperties("hexsnap.grid")
public record GridBuilderSettings(
        @DefaultValue("75") double hotspotCellMetres,
        @DefaultValue("8") int hotspotCandidates,
        @DefaultValue("2000000") int maxCoveringCells,
        @DefaultValue("2000") int insertBatchSize,
        @DefaultValue("5") int badLinesShown,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration stallTimeout) {

    public GridBuilderSettings {
        if (!(hotspotCellMetres >= 1 && hotspotCellMetres <= 1000)) {
            throw new IllegalArgumentException("hexsnap.grid.hotspot-cell-metres must be within [1, 1000], got " + hotspotCellMetres);
        }
        if (hotspotCandidates < 1 || hotspotCandidates > 64) {
            throw new IllegalArgumentException("hexsnap.grid.hotspot-candidates must be within [1, 64], got " + hotspotCandidates);
        }
        if (maxCoveringCells < 1) {
            throw new IllegalArgumentException("hexsnap.grid.max-covering-cells must be positive, got " + maxCoveringCells);
        }
        if (insertBatchSize < 1 || insertBatchSize > 100_000) {
            throw new IllegalArgumentException("hexsnap.grid.insert-batch-size must be within [1, 100000], got " + insertBatchSize);
        }
        if (badLinesShown < 0 || badLinesShown > 1000) {
            throw new IllegalArgumentException("hexsnap.grid.bad-lines-shown must be within [0, 1000], got " + badLinesShown);
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("hexsnap.grid.progress-interval must be positive");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("hexsnap.grid.connect-timeout and stall-timeout must be positive");
        }
    }

    /** The defaults, for code that runs without Spring (tests, benchmarks). */
    public static GridBuilderSettings defaults() {
        return new GridBuilderSettings(75, 8, 2_000_000, 2000, 5, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }
}
