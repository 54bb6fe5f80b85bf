package dev.hexsnap.grid.points;

import java.util.List;

/**
 * What reading the whole input found.
 *
 * @param input         the source, as shown to operators
 * @param lines         data lines (header, blank and {@code #} comment lines excluded)
 * @param valid         well-formed, in-range lines
 * @param bad           malformed or out-of-range lines
 * @param firstBad      the first few bad lines, with their line numbers
 * @param requests      sum of the counts of the valid lines
 * @param bytes         decompressed bytes read
 * @param sha256        SHA-256 of the decompressed content, hex: the same points compressed
 *                      differently are the same input
 */
public record ReadSummary(String input, long lines, long valid, long bad, List<BadLine> firstBad,
                          long requests, long bytes, String sha256) {

    /** Share of the data lines that were bad, 0 for no lines. */
    public double badShare() {
        return lines == 0 ? 0.0 : (double) bad / lines;
    }
}
