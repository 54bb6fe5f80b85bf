package dev.hexsnap.grid.points;

/**
 * A rejected input line.
 *
 * @param line   its number in the input, from 1 (header, blank and comment lines included)
 * @param reason why, for a person
 */
public record BadLine(long line, String reason) {

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
