package dev.hexsnap.demo.drill;

import dev.hexsnap.client.Outcome;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the drill saw, second by second and per phase: requests, where each page came from
 * (live upstream, fallback snapshot, client cache, nothing) and latency percentiles.
 * Thread-safe for recording.
 */
public final class DrillReport {

    /** One row per second and phase: a second in which the phase changed has two rows. */
    private final Map<String, Second> seconds = new ConcurrentHashMap<>();

    void record(int second, String phase, Outcome.Source source, long latencyMicros) {
        seconds.computeIfAbsent(second + "/" + phase, key -> new Second(second, phase)).add(source, latencyMicros);
    }

    /** Requests that ended without any page. */
    public long withoutPage() {
        return seconds.values().stream().mapToLong(s -> s.count(Outcome.Source.NOTHING)).sum();
    }

    /** Requests served from {@code source} during {@code phase}. */
    public long count(String phase, Outcome.Source source) {
        return seconds.values().stream().filter(s -> s.phase.equals(phase)).mapToLong(s -> s.count(source)).sum();
    }

    /** Requests made during {@code phase}. */
    public long requests(String phase) {
        return seconds.values().stream().filter(s -> s.phase.equals(phase)).mapToLong(Second::total).sum();
    }

    public long requests() {
        return seconds.values().stream().mapToLong(Second::total).sum();
    }

    /** The second-by-second table and the totals per phase. */
    public void print(PrintStream out, List<String> phases) {
        String header = String.format(Locale.ROOT, "%4s  %-10s %6s %6s %9s %8s %7s %9s %9s",
                "s", "phase", "reqs", "live", "snapshot", "client", "none", "p50 ms", "p99 ms");
        out.println(header);
        out.println("-".repeat(header.length()));
        seconds.values().stream()
                .sorted(java.util.Comparator.comparingInt((Second s) -> s.index).thenComparingInt(s -> phases.indexOf(s.phase)))
                .forEach(s -> out.println(s.row()));
        out.println();
        out.println("Per phase:");
        out.println(header.replace("   s  ", "      "));
        for (String phase : phases) {
            Second sum = new Second(-1, phase);
            seconds.values().stream().filter(s -> s.phase.equals(phase)).forEach(sum::merge);
            out.println(sum.row().replaceFirst("^\\s*-1", "    "));
        }
    }

    private static final class Second {
        private final int index;
        private final String phase;
        private final Map<Outcome.Source, Long> bySource = new EnumMap<>(Outcome.Source.class);
        private final List<Long> latencies = new ArrayList<>();

        Second(int index, String phase) {
            this.index = index;
            this.phase = phase;
        }

        synchronized void add(Outcome.Source source, long latencyMicros) {
            bySource.merge(source, 1L, Long::sum);
            latencies.add(latencyMicros);
        }

        synchronized void merge(Second other) {
            synchronized (other) {
                other.bySource.forEach((k, v) -> bySource.merge(k, v, Long::sum));
                latencies.addAll(other.latencies);
            }
        }

        synchronized long count(Outcome.Source source) {
            return bySource.getOrDefault(source, 0L);
        }

        synchronized long total() {
            return latencies.size();
        }

        synchronized String row() {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format(Locale.ROOT, "%4d  %-10s %6d %6d %9d %8d %7d %9.1f %9.1f", index, phase, sorted.length,
                    count(Outcome.Source.UPSTREAM), count(Outcome.Source.SNAPSHOT), count(Outcome.Source.LOCAL_COPY),
                    count(Outcome.Source.NOTHING), percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0);
        }

        private static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

}
