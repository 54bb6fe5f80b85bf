package dev.hexsnap.core.snapshot;

import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisUnavailableException;
import io.lettuce.core.RedisFuture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the entries of one generation through a pipelined connection: commands are buffered
 * and sent every {@code flushEvery} entries, and {@link #flush()} waits until Redis has
 * acknowledged all of them. Not thread-safe: one writer per thread.
 */
public final class SnapshotWriter implements AutoCloseable {

    private final SnapshotStore store;
    private final RedisKeyValue.Pipeline pipeline;
    private final String generation;
    private final Duration ttl;
    private final int flushEvery;
    private final List<SnapshotEntryCodec.EncodedEntry> held = new ArrayList<>();
    private final List<RedisFuture<String>> pending = new ArrayList<>();
    private long written;
    private long writtenBytes;

    SnapshotWriter(SnapshotStore store, RedisKeyValue.Pipeline pipeline, String generation, Duration ttl, int flushEvery) {
        if (flushEvery < 1) {
            throw new IllegalArgumentException("flushEvery must be at least 1");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.store = store;
        this.pipeline = pipeline;
        this.generation = generation;
        this.ttl = ttl;
        this.flushEvery = flushEvery;
    }

    /**
     * Takes an entry; sends the batch when it is full. Re-writing a key replaces it (idempotent).
     *
     * <p>First checks the value as a reader will trust it: its framing and CRC-32C, and that its gzip
     * body inflates (gzip's own CRC-32 and length) to a page of the length the header records. Readers
     * check only the framing and the CRC-32C (no inflate per read), so this is where a body that was
     * broken before it was framed is stopped. Costs an inflate per entry (about a millisecond for a
     * 600 KB home page), paid once per crawl instead of once per read.
     *
     * @throws CorruptEntryException when the value does not check out; nothing of it is written
     */
    public void put(SnapshotEntryCodec.EncodedEntry entry) {
        if (!generation.equals(entry.metadata().generation())) {
            throw new IllegalArgumentException("entry of generation " + entry.metadata().generation()
                    + " written into " + generation);
        }
        try {
            SnapshotEntryCodec.decode(entry.frame()).checkGzip();
        } catch (CorruptEntryException e) {
            throw new CorruptEntryException("refusing to write " + entry.key().path() + " into generation " + generation
                    + ": " + e.getMessage(), e);
        }
        // Held, not queued: a queued command's timeout runs from when it is queued, and the checks of
        // the entries after it would eat into it on a busy machine. flush() queues and sends them together.
        held.add(entry);
        writtenBytes += entry.frame().length;
        if (held.size() >= flushEvery) {
            flush();
        }
    }

    /**
     * Sends what is buffered and waits for every acknowledgement.
     *
     * @throws RedisUnavailableException when any write failed or timed out; the caller must
     *                                   treat the whole batch as not written
     */
    public void flush() {
        for (SnapshotEntryCodec.EncodedEntry entry : held) {
            pending.add(pipeline.set(store.entryKey(generation, entry.key()), entry.frame(), ttl));
        }
        held.clear();
        pipeline.flush();
        long deadline = System.nanoTime() + store.redis().settings().commandTimeout().toNanos() + 1_000_000_000L;
        try {
            for (RedisFuture<String> future : pending) {
                long left = deadline - System.nanoTime();
                future.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            }
            written += pending.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException("interrupted while writing to Redis", e);
        } catch (ExecutionException e) {
            throw new RedisUnavailableException("a write to Redis failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new RedisUnavailableException("Redis did not acknowledge writes in time", e);
        } finally {
            pending.clear();
        }
    }

    /** Entries acknowledged so far. */
    public long written() {
        return written;
    }

    /** Bytes queued so far (acknowledged or not). */
    public long writtenBytes() {
        return writtenBytes;
    }

    /** Flushes what is left and closes the connection. */
    @Override
    public void close() {
        try {
            if (!held.isEmpty() || !pending.isEmpty()) {
                flush();
            }
        } finally {
            pipeline.close();
        }
    }
}
