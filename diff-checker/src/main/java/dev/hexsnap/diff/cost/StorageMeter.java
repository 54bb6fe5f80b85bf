package dev.hexsnap.diff.cost;

import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.snapshot.SnapshotStore;
import io.lettuce.core.RedisFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures a generation in Redis: scans its keys and asks each value's length (STRLEN, so no
 * value crosses the network), grouped by resolution for the location pages and apart for the
 * store pages, which every resolution shares.
 */
public final class StorageMeter {

    private static final int BATCH = 1000;

    private final SnapshotStore store;

    public StorageMeter(SnapshotStore store) {
        this.store = store;
    }

    public Storage measure(String generation) {
        RedisKeyValue redis = store.redis();
        String pattern = store.entryPattern(generation);
        int prefix = pattern.length() - 1;
        Map<Integer, long[]> byResolution = new TreeMap<>();
        long[] stores = new long[2];
        long[] other = new long[2];
        redis.scan(pattern, BATCH, keys -> {
            List<RedisFuture<Long>> lengths = new ArrayList<>(keys.size());
            for (String key : keys) {
                lengths.add(redis.strlen(key));
            }
            for (int i = 0; i < keys.size(); i++) {
                long length = redis.await(lengths.get(i));
                String path = keys.get(i).substring(prefix);
                long[] into;
                boolean home = false;
                if (path.startsWith("store:")) {
                    into = stores;
                } else {
                    int resolution = resolutionOf(path);
                    if (resolution < 0) {
                        into = other;
                    } else {
                        into = byResolution.computeIfAbsent(resolution, r -> new long[3]);
                        home = path.startsWith("home:");
                    }
                }
                into[0]++;
                into[1] += length;
                if (home) {
                    into[2]++;
                }
            }
        });
        Map<Integer, Storage.LocationPages> resolutions = new TreeMap<>();
        byResolution.forEach((res, v) -> resolutions.put(res, new Storage.LocationPages(v[2], v[0], v[1])));
        return new Storage(generation, resolutions, stores[0], stores[1], other[0], other[1]);
    }

    /** {@code home:<res>:<cell>} or {@code channel:<id>:<res>:<cell>} → res; -1 for anything else. */
    static int resolutionOf(String path) {
        String[] parts = path.split(":");
        try {
            if (parts.length == 3 && parts[0].equals("home")) {
                return Integer.parseInt(parts[1]);
            }
            if (parts.length == 4 && parts[0].equals("channel")) {
                return Integer.parseInt(parts[2]);
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
