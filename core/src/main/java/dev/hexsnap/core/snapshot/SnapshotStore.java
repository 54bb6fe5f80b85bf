package dev.hexsnap.core.snapshot;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Snapshot generations in Redis: entries, pointers, publishing and rollback.
 *
 * <h2>Keys</h2>
 * <ul>
 *   <li>{@code <ns>:s:<generation>:<path>}: one page (see {@link SnapshotKey#path()}); these
 *       spread over the whole cluster;</li>
 *   <li>{@code {<ns>}:current:<slot>}, {@code {<ns>}:previous:<slot>}: the generation a slot
 *       serves and the one before it, for rollback;</li>
 *   <li>{@code {<ns>}:generation:<id>}: a generation's {@link GenerationInfo};</li>
 *   <li>{@code {<ns>}:heat:<id>:<resolution>}: the grid's request counts of its cells, hottest
 *       first ({@link RequestHeat}), what the API warms its cache from.</li>
 * </ul>
 * The control keys share the hash tag {@code {<ns>}}, so they live in one cluster slot and
 * publishing and rollback switch them atomically in one Lua script.
 *
 * <p>Thread-safe. Reads are single round trips on the shared connection; writes of a run go
 * through a {@link SnapshotWriter} on a pipelined connection of their own.
 */
public final class SnapshotStore {

    private static final String PUBLISH = """
            local old = redis.call('GET', KEYS[1])
            if old == ARGV[1] then return old end
            if old then redis.call('SET', KEYS[2], old) end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[3], 'state', 'published', 'publishedAt', ARGV[2])
            if old then redis.call('HSET', KEYS[4] .. old, 'state', 'retired') end
            return old
            """;

    private static final String ROLLBACK = """
            local cur = redis.call('GET', KEYS[1])
            local prev = redis.call('GET', KEYS[2])
            if not prev then return false end
            redis.call('SET', KEYS[1], prev)
            if cur then redis.call('SET', KEYS[2], cur) else redis.call('DEL', KEYS[2]) end
            redis.call('HSET', KEYS[3] .. prev, 'state', 'published')
            if cur then redis.call('HSET', KEYS[3] .. cur, 'state', 'retired') end
            return prev
            """;

    private final RedisKeyValue redis;
    private final String ns;
    private final AtomicLong corruptEntries = new AtomicLong();

    public SnapshotStore(RedisKeyValue redis) {
        this.redis = redis;
        this.ns = redis.namespace();
    }

    public RedisKeyValue redis() {
        return redis;
    }

    /** The Redis key of a page in a generation. */
    public String entryKey(String generation, SnapshotKey key) {
        return ns + ":s:" + generation + ":" + key.path();
    }

    /** The glob matching every entry of a generation. */
    public String entryPattern(String generation) {
        GenerationInfo.checkId(generation);
        return ns + ":s:" + generation + ":*";
    }

    private String currentKey(Slot slot) {
        return "{" + ns + "}:current:" + slot.id();
    }

    private String previousKey(Slot slot) {
        return "{" + ns + "}:previous:" + slot.id();
    }

    private String heatKey(String generation, int resolution) {
        return "{" + ns + "}:heat:" + generation + ":" + resolution;
    }

    private String generationKeyPrefix() {
        return "{" + ns + "}:generation:";
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a page of a generation. A corrupt value (bad framing, or stored bytes that fail their
     * CRC-32C) is counted ({@link #corruptEntries()}) and reported as absent: it is never served.
     * The check costs a CRC-32C over the value (hardware-accelerated, microseconds for a home page),
     * not an inflate: that the gzip body inflates to the page is checked once, by the
     * {@link SnapshotWriter}, before the value is written, and the CRC-32C sealed with it then
     * catches any byte changed since.
     *
     * @throws dev.hexsnap.core.redis.RedisUnavailableException when Redis does not answer in time
     */
    public Optional<SnapshotEntry> read(String generation, SnapshotKey key) {
        return decodeOrCount(redis.await(redis.get(entryKey(generation, key))));
    }

    /** The raw stored value of a page, without checks; for inspection tools. */
    public Optional<byte[]> readRaw(String generation, SnapshotKey key) {
        return Optional.ofNullable(redis.await(redis.get(entryKey(generation, key))));
    }

    /** Reads several pages of a generation in one round trip (per cluster slot), in order. */
    public List<Optional<SnapshotEntry>> readAll(String generation, List<? extends SnapshotKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> redisKeys = keys.stream().map(k -> entryKey(generation, k)).toList();
        List<KeyValue<String, byte[]>> values = redis.await(redis.mget(redisKeys));
        List<Optional<SnapshotEntry>> entries = new ArrayList<>(values.size());
        for (KeyValue<String, byte[]> value : values) {
            entries.add(value.hasValue() ? decodeOrCount(value.getValue()) : Optional.empty());
        }
        return entries;
    }

    private Optional<SnapshotEntry> decodeOrCount(byte[] frame) {
        if (frame == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotEntryCodec.decode(frame));
        } catch (CorruptEntryException e) {
            corruptEntries.incrementAndGet();
            return Optional.empty();
        }
    }

    /** Corrupt values met by reads since start. */
    public long corruptEntries() {
        return corruptEntries.get();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Opens a pipelined writer into a generation. Entries expire after {@code ttl}, a backstop
     * against leaks: retention deletes old generations explicitly.
     */
    public SnapshotWriter openWriter(String generation, Duration ttl, int flushEvery) {
        GenerationInfo.checkId(generation);
        return new SnapshotWriter(this, redis.openPipeline(), generation, ttl, flushEvery);
    }

    /** Records (or updates) what Redis knows of a generation. */
    public void describe(GenerationInfo info) {
        redis.await(redis.hset(generationKeyPrefix() + info.id(), info.toHash()));
    }

    /** What Redis knows of a generation. */
    public Optional<GenerationInfo> generation(String id) {
        GenerationInfo.checkId(id);
        Map<String, byte[]> hash = redis.await(redis.hgetall(generationKeyPrefix() + id));
        return hash == null || hash.isEmpty() ? Optional.empty() : Optional.of(GenerationInfo.fromHash(hash));
    }

    // ---------------------------------------------------------------- request heat

    /**
     * Records the grid's request counts of a generation's cells at one resolution (see
     * {@link RequestHeat}), replacing any list written before. Deleted with the generation.
     */
    public void writeHeat(String generation, int resolution, List<RequestHeat.Cell> cells) {
        GenerationInfo.checkId(generation);
        redis.await(redis.set(heatKey(generation, resolution), RequestHeat.encode(cells)));
    }

    /**
     * What the heat list of a generation at a resolution holds; empty when none was written
     * (a generation published without one, e.g. by an older worker).
     *
     * @throws CorruptEntryException when the stored list is not readable
     */
    public Optional<RequestHeat.Summary> heatSummary(String generation, int resolution) {
        byte[] header = redis.await(redis.getrange(heatKey(generation, resolution), 0, RequestHeat.HEADER_BYTES - 1));
        return header == null || header.length == 0 ? Optional.empty() : Optional.of(RequestHeat.summary(header));
    }

    /**
     * Cells {@code from} to {@code from + count - 1} of the heat list, hottest first, in one
     * GETRANGE of {@code 16 * count} bytes; fewer at the end of the list, none when there is no list.
     */
    public List<RequestHeat.Cell> heat(String generation, int resolution, int from, int count) {
        if (from < 0 || count < 1) {
            throw new IllegalArgumentException("from must be >= 0 and count >= 1, got " + from + ", " + count);
        }
        long start = RequestHeat.HEADER_BYTES + (long) from * RequestHeat.RECORD_BYTES;
        byte[] slice = redis.await(redis.getrange(heatKey(generation, resolution), start,
                start + (long) count * RequestHeat.RECORD_BYTES - 1));
        return slice == null ? List.of() : RequestHeat.records(slice);
    }

    /** Every generation Redis describes, newest first. */
    public List<GenerationInfo> generations() {
        List<GenerationInfo> all = new ArrayList<>();
        redis.scan(generationKeyPrefix() + "*", 500, keys -> {
            for (String key : keys) {
                generation(key.substring(generationKeyPrefix().length())).ifPresent(all::add);
            }
        });
        all.sort(Comparator.comparing(GenerationInfo::createdAt).reversed());
        return all;
    }

    // ---------------------------------------------------------------- pointers

    /** The generation a slot serves, if any was ever published. */
    public Optional<String> current(Slot slot) {
        byte[] id = redis.await(redis.get(currentKey(slot)));
        return id == null ? Optional.empty() : Optional.of(new String(id, StandardCharsets.UTF_8));
    }

    /** The generation a slot served before the current one. */
    public Optional<String> previous(Slot slot) {
        byte[] id = redis.await(redis.get(previousKey(slot)));
        return id == null ? Optional.empty() : Optional.of(new String(id, StandardCharsets.UTF_8));
    }

    /**
     * Makes {@code generation} the one {@code slot} serves, atomically; the generation it
     * replaces becomes the previous one. Publishing the current generation again changes nothing.
     *
     * @return the generation that was current before, if any
     */
    public Optional<String> publish(Slot slot, String generation, Instant now) {
        GenerationInfo.checkId(generation);
        RedisFuture<String> result = redis.eval(PUBLISH, ScriptOutputType.VALUE,
                new String[]{currentKey(slot), previousKey(slot), generationKeyPrefix() + generation, generationKeyPrefix()},
                generation, Long.toString(now.toEpochMilli()));
        Object old = redis.await(result);
        return Optional.ofNullable(old == null ? null : asString(old));
    }

    /**
     * Serves the previous generation again and keeps the current one as previous (so a
     * rollback can itself be undone).
     *
     * @return the generation now served, or empty when there is no previous generation
     */
    public Optional<String> rollback(Slot slot) {
        RedisFuture<Object> result = redis.eval(ROLLBACK, ScriptOutputType.VALUE,
                new String[]{currentKey(slot), previousKey(slot), generationKeyPrefix()});
        Object now = redis.await(result);
        return Optional.ofNullable(now == null ? null : asString(now));
    }

    /**
     * Deletes every entry of a generation and its description. Refuses the generations a
     * slot currently serves or would roll back to.
     *
     * @return entries deleted
     */
    public long delete(String generation) {
        GenerationInfo.checkId(generation);
        for (Slot slot : Slot.values()) {
            if (current(slot).filter(generation::equals).isPresent() || previous(slot).filter(generation::equals).isPresent()) {
                throw new IllegalStateException("generation " + generation + " is the current or previous one of the "
                        + slot.id() + " slot; roll back or publish another first");
            }
        }
        AtomicLong deleted = new AtomicLong();
        redis.scan(entryPattern(generation), 1000, keys -> deleted.addAndGet(redis.await(redis.del(keys.toArray(String[]::new)))));
        redis.await(redis.del(generationKeyPrefix() + generation));
        // Heat lists share the control keys' hash tag: one DEL for every possible resolution.
        List<String> heat = new ArrayList<>();
        for (int resolution = 0; resolution <= 15; resolution++) {
            heat.add(heatKey(generation, resolution));
        }
        redis.await(redis.del(heat.toArray(String[]::new)));
        return deleted.get();
    }

    private static String asString(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
