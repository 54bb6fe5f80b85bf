package dev.hexsnap.worker.entries;

import java.util.concurrent.atomic.LongAdder;

/**
 * Pages this process has written (acknowledged by Redis) since it started, for the
 * pages-per-second figure of progress lines and summaries. Thread-safe.
 */
public final class Throughput {

    private final LongAdder pages = new LongAdder();
    private final LongAdder rawBytes = new LongAdder();
    private final LongAdder storedBytes = new LongAdder();

    void add(long pageCount, long raw, long stored) {
        pages.add(pageCount);
        rawBytes.add(raw);
        storedBytes.add(stored);
    }

    public long pages() {
        return pages.sum();
    }

    public long rawBytes() {
        return rawBytes.sum();
    }

    public long storedBytes() {
        return storedBytes.sum();
    }
}
