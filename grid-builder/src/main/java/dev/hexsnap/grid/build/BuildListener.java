package dev.hexsnap.grid.build;

/**
 * Told how a build progresses, so that the command line can show it. Called from the
 * building thread; implementations throttle their own output.
 */
public interface BuildListener {

    /** Reading the points: data lines, bad lines and decompressed bytes so far. */
    default void reading(long lines, long bad, long bytes) {
    }

    /** Writing the hot cells: rows written so far, of {@code total}. */
    default void writing(long rows, long total) {
    }

    BuildListener NONE = new BuildListener() {
    };
}
