package dev.hexsnap.api.warmup;

import dev.hexsnap.api.source.GenerationPointers;
import dev.hexsnap.api.source.HotEntryCache;
import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisUnavailableException;
import dev.hexsnap.core.snapshot.RequestHeat;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import io.lettuce.core.RedisFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Fills the hot cache with the hottest entries of the served generation before traffic asks for
 * them: the cache is emptied by every publish, and the moment the fallback exists for (an
 * outage: every SOA instance turning to it at once, for users all over the city) is otherwise
 * the moment it is slowest, each miss a Redis read.
 *
 * <p>One pass per served generation (at start, after a publish or rollback, when the slot turns):
 * walks the generation's request counts ({@link RequestHeat}, written by the worker from the
 * grid) hottest cell first, reads the configured pages of a few cells per MGET, and puts each
 * entry into the cache, and its gzip body into a body file, while it fits in what is left of the
 * budget; the first entry that does not fit ends the pass ({@code full}): warming never evicts.
 * Cells whose pages are missing (not crawled) are passed over.
 *
 * <p>It never competes with live answers for long: reads are paced to {@code rate} bytes per
 * second on average, in batches of {@value #CELLS_PER_BATCH} cells (one reply of well under a
 * megabyte for home pages, so the shared connection is never held for more than a fraction of a
 * millisecond), on a daemon thread of minimum priority. With warm-up off, a pass only sizes: it
 * asks Redis the length of each page (STRLEN, no bodies) to say which share of the requests the
 * budget would cover. Either way the result is logged (the line {@code ./hexsnap api} prints at
 * start) and served by the health endpoint ({@link #status()}).
 *
 * <p>Thread-safe: passes run on its own thread; {@link #status()} reads a volatile snapshot.
 */
public final class CacheWarmer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);

    /** Cells per MGET: 4 home pages of ~100 KB are one ~400 KB reply, well within the serving timeout. */
    static final int CELLS_PER_BATCH = 4;
    /** Tries of a batch's read before the pass gives up (and the next check starts it again). */
    static final int ATTEMPTS = 5;
    /** Heat records read per GETRANGE (16 bytes each). */
    static final int LIST_SLICE = 1024;

    private final SnapshotSource source;
    private final GenerationPointers pointers;
    private final HotEntryCache cache;
    private final int resolution;
    private final boolean enabled;
    private final long rate;
    private final List<String> pages;
    private final Duration interval;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Pacer.Sleeper sleeper;
    private final ScheduledExecutorService thread;
    /** Bumped on every generation change: the cache was emptied, a pass under way must start again. */
    private final AtomicLong changes = new AtomicLong();
    private volatile WarmUpStatus status;
    private String warmed;
    private long warmedAtChange = -1;

    /**
     * @param rate     bytes of entries read per second, at most, on average
     * @param pages    {@code home} and/or {@code channel}, in the order warmed for each cell
     * @param interval how often to check whether the served generation changed (the slot turning
     *                 changes it without a publish)
     */
    public CacheWarmer(SnapshotSource source, GenerationPointers pointers, HotEntryCache cache, int resolution,
                       boolean enabled, DataSize rate, List<String> pages, Duration interval, Clock clock) {
        this(source, pointers, cache, resolution, enabled, rate, pages, interval, clock, System::nanoTime,
                d -> Thread.sleep(d));
    }

    CacheWarmer(SnapshotSource source, GenerationPointers pointers, HotEntryCache cache, int resolution, boolean enabled,
                DataSize rate, List<String> pages, Duration interval, Clock clock, LongSupplier nanoTime,
                Pacer.Sleeper sleeper) {
        this.source = source;
        this.pointers = pointers;
        this.cache = cache;
        this.resolution = resolution;
        this.enabled = enabled;
        this.rate = rate.toBytes();
        this.pages = List.copyOf(pages);
        this.interval = interval;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.status = WarmUpStatus.waiting(resolution, cache.budget());
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "hexsnap-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        // Registered after the cache's own clear (ApiConfiguration), so it runs after it.
        pointers.onChange(() -> {
            changes.incrementAndGet();
            thread.execute(this::checkQuietly);
        });
    }

    /** Warms for the served generation now (on its own thread), then checks every interval. */
    public void start() {
        thread.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How warm the cache is. */
    public WarmUpStatus status() {
        return status;
    }

    /**
     * Runs a pass for the served generation unless one already finished for it since the last
     * generation change. Called on the warmer's thread; tests call it directly.
     */
    void check() throws InterruptedException {
        if (!source.isConnected()) {
            return;
        }
        Optional<GenerationPointers.Serving> serving = pointers.servingAt(clock.instant());
        if (serving.isEmpty()) {
            return;
        }
        String generation = serving.get().published().generation();
        long change = changes.get();
        if (generation.equals(warmed) && change == warmedAtChange) {
            return;
        }
        if (pass(generation, change)) {
            warmed = generation;
            warmedAtChange = change;
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Redis gone mid-pass, or a list that does not read: the next check tries again.
            WarmUpStatus s = status;
            status = new WarmUpStatus("failed", s.generation(), resolution, s.cellsListed(), s.cellsHeld(), s.entries(),
                    s.bytes(), cache.budget(), s.requestShare(), s.millis(), String.valueOf(e.getMessage()));
            log.warn("warming the hot cache failed ({}); trying again in {} ms", e.toString(), interval.toMillis());
        }
    }

    /** @return false when a generation change interrupted it */
    private boolean pass(String generation, long change) throws InterruptedException {
        long budget = cache.budget();
        if (budget == 0) {
            status = new WarmUpStatus("no-cache", generation, resolution, 0, 0, 0, 0, 0, 0, 0, "");
            return true;
        }
        SnapshotStore store = source.store();
        Optional<RequestHeat.Summary> summary = store.heatSummary(generation, resolution);
        if (summary.isEmpty()) {
            status = new WarmUpStatus("no-request-counts", generation, resolution, 0, 0, 0, 0, budget, 0, 0, "");
            log.info("Hot cache: generation {} was published without request counts at resolution {}: "
                    + "it fills from traffic", generation, resolution);
            return true;
        }
        long started = nanoTime.getAsLong();
        Pacer pacer = new Pacer(rate, nanoTime, sleeper);
        // Sizing only: what an empty cache of this budget would hold.
        long held = enabled ? cache.weightedSize() : 0;
        long covered = 0;
        long entries = 0;
        long bytes = 0;
        int cellsHeld = 0;
        boolean full = false;
        int listed = summary.get().cells();
        status = progress(enabled ? "warming" : "sizing", generation, listed, 0, 0, 0, budget, 0, started);
        for (int from = 0; from < listed && !full; from += LIST_SLICE) {
            List<RequestHeat.Cell> slice = store.heat(generation, resolution, from, LIST_SLICE);
            if (slice.isEmpty()) {
                break;
            }
            for (int i = 0; i < slice.size() && !full; i += CELLS_PER_BATCH) {
                if (changes.get() != change) {
                    return false;
                }
                List<RequestHeat.Cell> cells = slice.subList(i, Math.min(slice.size(), i + CELLS_PER_BATCH));
                List<SnapshotKey> keys = keysOf(cells);
                List<Long> lengths = enabled ? null : lengthsOf(store, generation, keys);
                List<Optional<SnapshotEntry>> read = enabled ? readMissing(store, generation, keys) : null;
                long batchBytes = 0;
                int k = 0;
                for (RequestHeat.Cell cell : cells) {
                    boolean any = false;
                    for (int p = 0; p < keys.size() / cells.size(); p++, k++) {
                        String path = keys.get(k).path();
                        if (enabled) {
                            if (read.get(k) == null) {
                                any = true; // held already: by an earlier attempt, or brought in by traffic
                                continue;
                            }
                            if (read.get(k).isEmpty()) {
                                continue;
                            }
                            SnapshotEntry entry = read.get(k).get();
                            batchBytes += entry.storedLength();
                            if (!cache.putIfRoom(generation, path, entry)) {
                                full = true;
                                break;
                            }
                            cache.bodyFile(entry); // written now, not on its first answer
                            entries++;
                        } else {
                            long length = lengths.get(k);
                            if (length == 0) {
                                continue;
                            }
                            long weight = HotEntryCache.weigh(generation, path, length);
                            if (held + weight > budget) {
                                full = true;
                                break;
                            }
                            held += weight;
                            entries++;
                            batchBytes += length;
                        }
                        any = true;
                    }
                    if (full) {
                        break;
                    }
                    if (any) {
                        cellsHeld++;
                        covered += cell.requests();
                    }
                }
                bytes += batchBytes;
                status = progress(enabled ? "warming" : "sizing", generation, listed, cellsHeld, entries, bytes, budget,
                        share(covered, summary.get()), started);
                if (enabled) {
                    pacer.paid(batchBytes);
                }
            }
        }
        String state = !enabled ? "sized" : full ? "full" : "warm";
        WarmUpStatus done = progress(state, generation, listed, cellsHeld, entries, bytes, budget,
                share(covered, summary.get()), started);
        status = done;
        log.info("Hot cache {} {} the {} pages of the {} hottest of {} cells of generation {} (resolution {}): "
                        + "{} of the grid's requests{}",
                DataSize.ofBytes(budget).toMegabytes() + " MB", enabled ? "holds" : "would hold (warm-up off)",
                String.join("+", pages), cellsHeld, listed, generation, resolution,
                String.format(Locale.ROOT, "%.1f%%", done.requestShare() * 100),
                enabled ? String.format(Locale.ROOT, "; warmed %d entries, %.1f MB, in %.1f s%s", entries, bytes / 1e6,
                        done.millis() / 1000.0, full ? " (budget full)" : "") : "");
        return true;
    }

    /**
     * The entries of {@code keys} not held yet, in one MGET; null for the ones held. A batch that
     * fails (a command timeout on a busy machine, Redis gone for a moment) is tried again after a
     * pause, {@value #ATTEMPTS} times in all, so that one slow reply does not start the pass over.
     */
    private List<Optional<SnapshotEntry>> readMissing(SnapshotStore store, String generation, List<SnapshotKey> keys)
            throws InterruptedException {
        List<SnapshotKey> missing = new ArrayList<>();
        for (SnapshotKey key : keys) {
            if (!cache.contains(generation, key.path())) {
                missing.add(key);
            }
        }
        List<Optional<SnapshotEntry>> read = List.of();
        for (int attempt = 1; !missing.isEmpty(); attempt++) {
            try {
                read = store.readAll(generation, missing);
                break;
            } catch (RedisUnavailableException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                log.debug("warm-up read failed (attempt {} of {}): {}", attempt, ATTEMPTS, e.getMessage());
                sleeper.sleep(interval);
            }
        }
        List<Optional<SnapshotEntry>> result = new ArrayList<>(keys.size());
        int next = 0;
        for (SnapshotKey key : keys) {
            boolean wasMissing = next < missing.size() && missing.get(next) == key;
            result.add(wasMissing ? read.get(next++) : null);
        }
        return result;
    }

    private WarmUpStatus progress(String state, String generation, int listed, int cellsHeld, long entries, long bytes,
                                  long budget, double share, long started) {
        return new WarmUpStatus(state, generation, resolution, listed, cellsHeld, entries, bytes, budget, share,
                (nanoTime.getAsLong() - started) / 1_000_000, "");
    }

    private static double share(long covered, RequestHeat.Summary summary) {
        return summary.totalRequests() == 0 ? 0 : (double) covered / summary.totalRequests();
    }

    private List<SnapshotKey> keysOf(List<RequestHeat.Cell> cells) {
        List<SnapshotKey> keys = new ArrayList<>();
        for (RequestHeat.Cell cell : cells) {
            for (String page : pages) {
                if (page.equals("home")) {
                    keys.add(new SnapshotKey.Home(resolution, cell.cell()));
                } else {
                    for (Channel channel : Channel.values()) {
                        keys.add(new SnapshotKey.ChannelPage(channel, resolution, cell.cell()));
                    }
                }
            }
        }
        return keys;
    }

    /** Stored lengths of the keys (0 for missing ones), in one pipelined round of STRLENs. */
    private static List<Long> lengthsOf(SnapshotStore store, String generation, List<SnapshotKey> keys) {
        RedisKeyValue redis = store.redis();
        List<RedisFuture<Long>> futures = new ArrayList<>(keys.size());
        for (SnapshotKey key : keys) {
            futures.add(redis.strlen(store.entryKey(generation, key)));
        }
        List<Long> lengths = new ArrayList<>(keys.size());
        for (RedisFuture<Long> future : futures) {
            Long length = redis.await(future);
            lengths.add(length == null ? 0 : length);
        }
        return lengths;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
