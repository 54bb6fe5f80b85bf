package dev.hexsnap.api.source;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

/**
 * The hottest entries of the served generations, in process, bounded by their stored bytes
 * (Caffeine's size-based eviction, frequency-aware). Keys carry the generation, so an entry
 * of an older generation can never answer for a newer one; the whole cache is also emptied
 * when a slot's generation changes, to give the memory back at once.
 *
 * <p>Only entries that decoded cleanly are kept: a corrupt value never gets here. With
 * {@link BodyFiles}, each entry held also has its gzip body as a file for sendfile
 * ({@link #bodyFile}), deleted after the entry leaves. Thread-safe.
 */
public final class HotEntryCache {

    /** Rough per-entry overhead beyond the stored bytes (key, node, metadata). */
    private static final int ENTRY_OVERHEAD = 256;

    private final Cache<String, SnapshotEntry> cache;
    private final BodyFiles bodyFiles;

    private HotEntryCache(Cache<String, SnapshotEntry> cache, BodyFiles bodyFiles) {
        this.cache = cache;
        this.bodyFiles = bodyFiles;
    }

    /** A cache holding at most about {@code size} bytes; {@code size} 0 gives a cache that keeps nothing. */
    public static HotEntryCache of(DataSize size) {
        return of(size, null);
    }

    /**
     * A cache holding at most about {@code size} bytes, whose entries have their gzip body as a file
     * in {@code bodyFiles} (null for none); {@code size} 0 gives a cache that keeps nothing.
     */
    public static HotEntryCache of(DataSize size, BodyFiles bodyFiles) {
        if (size.toBytes() <= 0) {
            return new HotEntryCache(null, null);
        }
        Caffeine<String, SnapshotEntry> builder = Caffeine.newBuilder()
                .maximumWeight(size.toBytes())
                .weigher((String key, SnapshotEntry entry) -> entry.storedLength() + ENTRY_OVERHEAD + key.length())
                .recordStats();
        if (bodyFiles != null) {
            // Evicted, replaced, invalidated: the entry's file goes (after the grace period).
            builder = builder.removalListener((String key, SnapshotEntry entry, RemovalCause cause) -> {
                if (entry != null) {
                    bodyFiles.release(entry);
                }
            });
        }
        return new HotEntryCache(builder.build(), bodyFiles);
    }

    public boolean enabled() {
        return cache != null;
    }

    public SnapshotEntry get(String generation, String path) {
        return cache == null ? null : cache.getIfPresent(key(generation, path));
    }

    public void put(String generation, String path, SnapshotEntry entry) {
        if (cache != null) {
            if (bodyFiles != null) {
                bodyFiles.register(entry);
            }
            cache.put(key(generation, path), entry);
        }
    }

    /**
     * Puts the entry only when it fits in what is left of the budget, so that warming the cache
     * never evicts anything (the entries traffic brought in are at least as hot).
     *
     * @return whether it was put (or was there already)
     */
    public boolean putIfRoom(String generation, String path, SnapshotEntry entry) {
        if (cache == null) {
            return false;
        }
        if (contains(generation, path)) {
            return true;
        }
        if (weightedSize() + weigh(generation, path, entry.storedLength()) > budget()) {
            return false;
        }
        put(generation, path, entry);
        return true;
    }

    /** Whether the entry is held, without counting a hit or a miss. */
    public boolean contains(String generation, String path) {
        return cache != null && cache.asMap().containsKey(key(generation, path));
    }

    /** What an entry of {@code storedLength} bytes weighs against the budget. */
    public static long weigh(String generation, String path, long storedLength) {
        return storedLength + ENTRY_OVERHEAD + generation.length() + 1 + path.length();
    }

    /** The bound, in bytes (0 when the cache is off). */
    public long budget() {
        return cache == null ? 0 : cache.policy().eviction().orElseThrow().getMaximum();
    }

    /** Bytes held now, by the weigher (pending evictions done first). */
    public long weightedSize() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** The file holding the entry's gzip body, when the cache holds the entry and keeps body files; else null. */
    public Path bodyFile(SnapshotEntry entry) {
        return bodyFiles == null ? null : bodyFiles.fileFor(entry);
    }

    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** Entries held now (approximate). */
    public long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    /** Publishes hit, miss, eviction and size meters as {@code cache.*{cache=hexsnap-hot-entries}}. */
    public void bindTo(MeterRegistry registry) {
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, "hexsnap-hot-entries");
        }
    }

    private static String key(String generation, String path) {
        return generation + '\u0000' + path;
    }
}
