package dev.hexsnap.api.source;

import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads entries of a generation: the hot cache first, then Redis (one GET, or one MGET for a
 * ring of neighbours). Corrupt values are counted by the store and come back empty: they are
 * never served.
 *
 * <p><b>One read per missing key</b> (single flight): when many requests miss the same entry at
 * once (an outage starting, every SOA instance asking for the same hot cell of an emptied cache),
 * the first one reads Redis and the others wait for its answer instead of each reading the same
 * ~100 KB again. A waiter gets what the reader got: the entry, nothing, or the reader's
 * exception (Redis unavailable: a 503 for all of them, within the reader's command timeout).
 *
 * <p>Thread-safe.
 */
public final class SnapshotReader {

    private final SnapshotSource source;
    private final HotEntryCache cache;
    /** Reads under way, by generation and path; a read removes itself when it is done. */
    private final ConcurrentHashMap<String, CompletableFuture<Optional<SnapshotEntry>>> inFlight = new ConcurrentHashMap<>();

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
        String flightKey = flightKey(generation, path);
        CompletableFuture<Optional<SnapshotEntry>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<SnapshotEntry>> theirs = inFlight.putIfAbsent(flightKey, mine);
        if (theirs != null) {
            return await(theirs);
        }
        try {
            // A read that finished between the cache miss above and putIfAbsent has filled the cache.
            cached = cache.get(generation, path);
            Optional<SnapshotEntry> entry = cached != null ? Optional.of(cached) : source.store().read(generation, key);
            if (cached == null) {
                entry.ifPresent(e -> cache.put(generation, path, e));
            }
            mine.complete(entry);
            return entry;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flightKey, mine);
        }
    }

    /**
     * Several pages of a generation, in order, in one round trip per cluster slot (cached
     * ones are not asked for again, nor those another request is reading: their reads are waited for).
     */
    public List<Optional<SnapshotEntry>> readAll(String generation, List<? extends SnapshotKey> keys) {
        List<Optional<SnapshotEntry>> result = new ArrayList<>(keys.size());
        List<SnapshotKey> mine = new ArrayList<>();
        List<Integer> mineAt = new ArrayList<>();
        List<CompletableFuture<Optional<SnapshotEntry>>> myFlights = new ArrayList<>();
        List<Integer> theirsAt = new ArrayList<>();
        List<CompletableFuture<Optional<SnapshotEntry>>> theirFlights = new ArrayList<>();
        for (SnapshotKey key : keys) {
            SnapshotEntry cached = cache.get(generation, key.path());
            result.add(Optional.ofNullable(cached));
            if (cached != null) {
                continue;
            }
            CompletableFuture<Optional<SnapshotEntry>> flight = new CompletableFuture<>();
            CompletableFuture<Optional<SnapshotEntry>> theirs = inFlight.putIfAbsent(flightKey(generation, key.path()), flight);
            if (theirs != null) {
                theirsAt.add(result.size() - 1);
                theirFlights.add(theirs);
            } else {
                mineAt.add(result.size() - 1);
                mine.add(key);
                myFlights.add(flight);
            }
        }
        if (!mine.isEmpty()) {
            try {
                SnapshotStore store = source.store();
                List<Optional<SnapshotEntry>> read = store.readAll(generation, mine);
                for (int i = 0; i < read.size(); i++) {
                    Optional<SnapshotEntry> entry = read.get(i);
                    if (entry.isPresent()) {
                        cache.put(generation, mine.get(i).path(), entry.get());
                    }
                    result.set(mineAt.get(i), entry);
                    myFlights.get(i).complete(entry);
                }
            } catch (RuntimeException e) {
                myFlights.forEach(f -> f.completeExceptionally(e));
                throw e;
            } finally {
                for (int i = 0; i < mine.size(); i++) {
                    inFlight.remove(flightKey(generation, mine.get(i).path()), myFlights.get(i));
                }
            }
        }
        for (int i = 0; i < theirsAt.size(); i++) {
            result.set(theirsAt.get(i), await(theirFlights.get(i)));
        }
        return result;
    }

    /** Reads under way now (for tests and diagnostics). */
    int readsInFlight() {
        return inFlight.size();
    }

    private static Optional<SnapshotEntry> await(CompletableFuture<Optional<SnapshotEntry>> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String flightKey(String generation, String path) {
        return generation + '\u0000' + path;
    }
}
