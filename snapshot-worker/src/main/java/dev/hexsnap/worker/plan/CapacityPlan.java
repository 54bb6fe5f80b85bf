package dev.hexsnap.worker.plan;

import java.time.Duration;

/**
 * The capacity model, a pure function of its inputs: what a run of {@code cells} hot cells and
 * {@code stores} open stores costs, and how long it takes with {@code workers} processes.
 * <ul>
 *   <li>pages = cells × pages per cell + stores × pages per store (the last run's means);</li>
 *   <li>stored bytes = pages × stored bytes per page; Redis holds {@code generationsHeld} of them at
 *       once (published ones kept for rollback plus the one being written), each entry with
 *       {@link #KEY_OVERHEAD_BYTES} of key and bookkeeping;</li>
 *   <li>rate = min(requests-per-second ceiling, workers × pages/s one process reached); the crawl time is
 *       pages / rate, and it fits when that is within the slot's crawl window.</li>
 * </ul>
 * The per-process rate is what the last run measured: a lower bound when that run was held by the
 * ceiling (the plan says so).
 *
 * @param cells             hot cells to crawl
 * @param stores            open stores to crawl
 * @param workers           processes crawling side by side
 * @param pagesPerCell      mean pages per cell (home and channels)
 * @param pagesPerStore     mean pages per store (category tree and product pages)
 * @param storedBytesPerPage mean stored (gzip + header) bytes per page
 * @param pagesPerSecondPerProcess what one process reached in the last run
 * @param ceilingBound      whether the last run's rate was held by its rps ceiling (then the per-process figure is a lower bound)
 * @param requestsPerSecond the rps ceiling for all processes together
 * @param generationsHeld   generations Redis holds at once
 * @param window            the slot's crawl window
 */
record CapacityPlan(long cells, long stores, int workers, double pagesPerCell, double pagesPerStore, double storedBytesPerPage,
                    double pagesPerSecondPerProcess, boolean ceilingBound, int requestsPerSecond, int generationsHeld,
                    Duration window) {

    /** Key, TTL and allocator overhead per entry in Redis (measured with MEMORY USAGE on 5 KB entries: ~70-90 B). */
    static final int KEY_OVERHEAD_BYTES = 90;

    CapacityPlan {
        if (cells < 0 || stores < 0) {
            throw new IllegalArgumentException("cells and stores must not be negative");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (pagesPerSecondPerProcess <= 0) {
            throw new IllegalArgumentException("the measured pages per second must be positive");
        }
    }

    long pages() {
        return Math.round(cells * pagesPerCell + stores * pagesPerStore);
    }

    long storedBytes() {
        return Math.round(pages() * storedBytesPerPage);
    }

    long redisBytes() {
        return Math.round(generationsHeld * pages() * (storedBytesPerPage + KEY_OVERHEAD_BYTES));
    }

    /** Pages per second of the whole run. */
    double rate() {
        return Math.min(requestsPerSecond, workers * pagesPerSecondPerProcess);
    }

    /** What holds the rate: the ceiling, or the processes. */
    boolean limitedByCeiling() {
        return requestsPerSecond <= workers * pagesPerSecondPerProcess;
    }

    Duration crawlTime() {
        return Duration.ofSeconds((long) Math.ceil(pages() / rate()));
    }

    boolean fits() {
        return crawlTime().compareTo(window) <= 0;
    }

    /** The fewest processes that would reach the ceiling's rate. */
    int workersForCeiling() {
        return (int) Math.ceil(requestsPerSecond / pagesPerSecondPerProcess);
    }
}
