package dev.hexsnap.grid.cli;

import dev.hexsnap.grid.build.BuildListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on stderr, at most once per interval: rewritten in place on a terminal, one line
 * per update otherwise (logs, CI).
 */
final class ProgressPrinter implements BuildListener {

    private final PrintStream err;
    private final long intervalNanos;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastPrinted = System.nanoTime();
    private long lastLines;
    private long lastLinesAt = System.nanoTime();
    private boolean open;

    ProgressPrinter(PrintStream err, Duration interval, boolean terminal) {
        this.err = err;
        this.intervalNanos = interval.toNanos();
        this.terminal = terminal;
    }

    @Override
    public void reading(long lines, long bad, long bytes) {
        long now = System.nanoTime();
        if (now - lastPrinted < intervalNanos) {
            return;
        }
        double rate = (lines - lastLines) / Math.max((now - lastLinesAt) / 1e9, 1e-9);
        lastLines = lines;
        lastLinesAt = now;
        print(now, String.format(Locale.ROOT, "reading: %,d points (%,.0f/s), %,d bad, %.1f MB, %s",
                lines, rate, bad, bytes / 1e6, elapsed(now)));
    }

    @Override
    public void writing(long rows, long total) {
        long now = System.nanoTime();
        if (now - lastPrinted < intervalNanos && rows < total) {
            return;
        }
        print(now, String.format(Locale.ROOT, "writing: %,d of %,d hot cells, %s", rows, total, elapsed(now)));
    }

    /** Ends an in-place line so that what follows starts on a line of its own. */
    void finish() {
        if (open) {
            err.println();
            open = false;
        }
    }

    private void print(long now, String text) {
        lastPrinted = now;
        if (terminal) {
            err.print("\r\033[K" + text);
            err.flush();
            open = true;
        } else {
            err.println(text);
        }
    }

    private String elapsed(long now) {
        return String.format(Locale.ROOT, "%.0f s", (now - started) / 1e9);
    }
}
