package dev.hexsnap.grid.persist;

import java.time.Instant;

/**
 * A row of {@code grid_build}.
 *
 * @param buildId       derived from the input and the settings
 * @param status        {@link #WRITING}, {@link #COMPLETE} or {@link #FAILED}
 * @param regions       region names, comma-separated
 * @param settings      resolutions and thresholds, as JSON
 * @param input         where the points came from
 * @param inputDigest   SHA-256 of the decompressed points
 * @param pointsRead    data lines
 * @param pointsValid   valid lines
 * @param pointsBad     bad lines
 * @param requestsTotal requests of the valid lines, in the regions or not
 * @param startedAt     start of the latest run
 * @param finishedAt    end of the latest run, null while writing
 * @param failure       why the latest run failed, null otherwise
 */
public record BuildRecord(String buildId, String status, String regions, String settings, String input,
                          String inputDigest, long pointsRead, long pointsValid, long pointsBad, long requestsTotal,
                          Instant startedAt, Instant finishedAt, String failure) {

    public static final String WRITING = "WRITING";
    public static final String COMPLETE = "COMPLETE";
    public static final String FAILED = "FAILED";
}
