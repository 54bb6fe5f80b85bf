package dev.hexsnap.api.source;

import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads entries of a generation: the hot cache first, then Redis (one GET, or one MGET for a
 * ring of neighbours). Corrupt values are counted by the store and come back empty: they are
 * never served.
 *
 * <p>Thread-safe.
 */
public final class SnapshotReader {

    private final SnapshotSource source;
    private final HotEntryCache cache;

    public SnapshotReader(SnapshotSource source, HotEntryCache cache) {
        this.source = source;
        this.cache = cache;
    }

    /**
     * One page of a generation.
     *
     * @throws dev.hexsnap.core.redis.RedisUnavailableException when the entry is not cached and Redis does not answer
     */
    public Optional<SnapshotEntry> read(String generation, SnapshotKey key) {
        String path = key.path();
        SnapshotEntry cached = cache.get(generation, path);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SnapshotEntry> entry = source.store().read(generation, key);
        entry.ifPresent(e -> cache.put(generation, path, e));
        return entry;
    }

    /**
     * Several pages of a generation, in order, in one round trip per cluster slot (cached
     * ones are not asked for again).
     */
    public List<Optional<SnapshotEntry>> readAll(String generation, List<? extends SnapshotKey> keys) {
        List<Optional<SnapshotEntry>> result = new ArrayList<>(keys.size());
        List<SnapshotKey> missing = new ArrayList<>();
        List<Integer> missingAt = new ArrayList<>();
        for (SnapshotKey key : keys) {
            SnapshotEntry cached = cache.get(generation, key.path());
            result.add(Optional.ofNullable(cached));
            if (cached == null) {
                missingAt.add(result.size() - 1);
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        SnapshotStore store = source.store();
        List<Optional<SnapshotEntry>> read = store.readAll(generation, missing);
        for (int i = 0; i < read.size(); i++) {
            Optional<SnapshotEntry> entry = read.get(i);
            if (entry.isPresent()) {
                cache.put(generation, missing.get(i).path(), entry.get());
                result.set(missingAt.get(i), entry);
            }
        }
        return result;
    }
}
