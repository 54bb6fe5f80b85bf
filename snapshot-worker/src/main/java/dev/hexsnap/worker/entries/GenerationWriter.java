package dev.hexsnap.worker.entries;

import dev.hexsnap.core.redis.RedisUnavailableException;
import dev.hexsnap.core.snapshot.CorruptEntryException;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec.EncodedEntry;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.snapshot.SnapshotWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Writes a chunk's entries into a generation through one pipelined connection, and rides
 * out a short Redis outage: when a batch is not acknowledged, the connection is dropped and
 * the whole chunk is sent again on a new one (SETs of the same keys are idempotent), with a
 * growing pause, up to {@code attempts} times. After that it throws, which fails the chunk
 * (nothing of it is committed) and the run, cleanly, for a later restart.
 *
 * <p>Not thread-safe: one per partition (the writers are step-scoped).
 */
public final class GenerationWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GenerationWriter.class);

    private final SnapshotStore store;
    private final String generation;
    private final Duration ttl;
    private final int flushEvery;
    private final int attempts;
    private final Duration backoff;
    private final Throughput throughput;
    private SnapshotWriter writer;

    public GenerationWriter(SnapshotStore store, String generation, Duration ttl, int flushEvery, int attempts, Duration backoff,
                            Throughput throughput) {
        this.store = store;
        this.generation = generation;
        this.ttl = ttl;
        this.flushEvery = flushEvery;
        this.attempts = attempts;
        this.backoff = backoff;
        this.throughput = throughput;
    }

    /**
     * Returns once Redis has acknowledged every entry.
     *
     * @throws RedisUnavailableException when Redis stayed unavailable through every attempt
     */
    public void write(List<EncodedEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long pause = backoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                if (writer == null) {
                    writer = store.openWriter(generation, ttl, flushEvery);
                }
                for (EncodedEntry entry : entries) {
                    writer.put(entry);
                }
                writer.flush();
                long raw = 0;
                long stored = 0;
                for (EncodedEntry entry : entries) {
                    raw += entry.metadata().rawLength();
                    stored += entry.frame().length;
                }
                throughput.add(entries.size(), raw, stored);
                return;
            } catch (CorruptEntryException e) {
                // The writer refused a body that does not inflate to its page: a bug, not an outage;
                // sending it again cannot help, and Redis is not to blame.
                closeQuietly();
                throw e;
            } catch (RuntimeException e) {
                closeQuietly();
                if (attempt >= attempts) {
                    throw e instanceof RedisUnavailableException r ? r
                            : new RedisUnavailableException("cannot write to Redis: " + e.getMessage(), e);
                }
                log.warn("writing {} entries to Redis failed (attempt {} of {}): {}; retrying in {} ms",
                        entries.size(), attempt, attempts, e.getMessage(), pause);
                sleep(pause);
                pause = Math.min(pause * 2, 30_000);
            }
        }
    }

    private void closeQuietly() {
        if (writer != null) {
            try {
                writer.close();
            } catch (RuntimeException ignored) {
                // The connection is being dropped because it failed; its close may fail too.
            }
            writer = null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException("interrupted while waiting for Redis", e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
