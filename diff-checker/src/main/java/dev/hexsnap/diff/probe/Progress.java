package dev.hexsnap.diff.probe;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress line printed every few seconds while long work runs: done/total, the request
 * rate, and an estimate of the time left. Printing happens on a daemon thread of its own so
 * the work never waits for the console.
 */
public final class Progress implements AutoCloseable {

    private final String what;
    private final String unit;
    private final long total;
    private final PrintStream out;
    private final LongSupplier requests;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final Thread printer;
    private volatile boolean closed;

    /**
     * @param what     e.g. {@code probing}
     * @param unit     what is counted, e.g. {@code points}
     * @param total    how many there are
     * @param out      where lines go; null for silence
     * @param requests requests made so far (for the rate)
     * @param every    how often a line is printed
     */
    public Progress(String what, String unit, long total, PrintStream out, LongSupplier requests, Duration every) {
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.out = out;
        this.requests = requests;
        if (out == null || total == 0) {
            this.printer = null;
            return;
        }
        long requestsAtStart = requests.getAsLong();
        this.printer = Thread.ofPlatform().daemon().name("diff-progress").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                if (!closed) {
                    out.println(line(requestsAtStart));
                }
            }
        });
    }

    public void advance() {
        done.incrementAndGet();
    }

    public long done() {
        return done.get();
    }

    /** Seconds since the start. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String line(long requestsAtStart) {
        long d = done.get();
        double elapsed = Math.max(1e-3, elapsedSeconds());
        double rate = (requests.getAsLong() - requestsAtStart) / elapsed;
        String eta = d == 0 ? "?" : formatSeconds((total - d) * elapsed / d);
        return String.format(Locale.ROOT, "%s: %,d/%,d %s (%.1f%%) · %.0f req/s · ETA %s", what, d, total, unit,
                100.0 * d / total, rate, eta);
    }

    public static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        closed = true;
        if (printer != null) {
            printer.interrupt();
        }
    }
}
