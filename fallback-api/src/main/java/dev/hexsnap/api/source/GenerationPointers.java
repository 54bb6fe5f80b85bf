package dev.hexsnap.api.source;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The generation each slot serves, as last read from Redis. Requests never pay a round trip
 * for the pointer: a daemon thread re-reads both slots every refresh interval (and right
 * after a (re)connection), so a publish or a rollback takes effect within about that long.
 * While Redis is down the last pointers seen are kept.
 *
 * <p>Thread-safe: readers see an immutable snapshot through a volatile reference.
 */
public final class GenerationPointers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GenerationPointers.class);

    /**
     * A published generation.
     *
     * @param slot        the slot whose current generation it is
     * @param generation  its id
     * @param resolutions the grid resolutions it covers, finest last (empty when Redis has no description)
     * @param publishedAt when it became current; null when unknown
     */
    public record Published(Slot slot, String generation, List<Integer> resolutions, Instant publishedAt) {
    }

    /**
     * What a request is served from.
     *
     * @param published    the generation
     * @param wantedSlot   the slot the server time asked for; differs from {@code published.slot()}
     *                     when night fell back to day
     */
    public record Serving(Published published, Slot wantedSlot) {
    }

    private final SnapshotSource source;
    private final ZoneId zone;
    private final LocalTime dayStarts;
    private final LocalTime nightStarts;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Map<Slot, Published> current = Map.of();
    private volatile boolean loaded;

    public GenerationPointers(SnapshotSource source, ZoneId zone, LocalTime dayStarts, LocalTime nightStarts,
                              Duration interval) {
        this.source = source;
        this.zone = zone;
        this.dayStarts = dayStarts;
        this.nightStarts = nightStarts;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hexsnap-generation-pointers");
            thread.setDaemon(true);
            return thread;
        });
        source.onConnect(this::refreshQuietly);
    }

    /** Reads the pointers now if Redis is connected, then every interval. */
    public void start() {
        refreshQuietly();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code listener} whenever a slot's generation changes. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /**
     * Re-reads both pointers now.
     *
     * @throws dev.hexsnap.core.redis.RedisUnavailableException when Redis does not answer
     */
    public synchronized void refresh() {
        SnapshotStore store = source.store();
        Map<Slot, Published> seen = current;
        Map<Slot, Published> next = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            Optional<String> id = store.current(slot);
            if (id.isEmpty()) {
                continue;
            }
            Published before = seen.get(slot);
            if (before != null && before.generation().equals(id.get())) {
                next.put(slot, before);
                continue;
            }
            Optional<GenerationInfo> info = store.generation(id.get());
            next.put(slot, new Published(slot, id.get(),
                    info.map(i -> resolutions(i.resolutions())).orElse(List.of()),
                    info.map(GenerationInfo::publishedAt).orElse(null)));
        }
        Map<Slot, Published> fresh = Collections.unmodifiableMap(next);
        boolean changed = !sameGenerations(seen, fresh);
        current = fresh;
        loaded = true;
        if (changed) {
            log.info("Serving generations: {}", describe(fresh));
            changeListeners.forEach(Runnable::run);
        }
    }

    private void refreshQuietly() {
        try {
            if (source.isConnected()) {
                refresh();
            }
        } catch (RuntimeException e) {
            log.debug("could not refresh the generation pointers: {}", e.toString());
        }
    }

    /** Whether the pointers were read at least once since start. */
    public boolean loaded() {
        return loaded;
    }

    /** The generation each slot serves, as last read. */
    public Map<Slot, Published> current() {
        return current;
    }

    /** The slot a moment falls in, by the server's clock in the configured zone. */
    public Slot slotAt(Instant now) {
        return Slot.at(LocalTime.ofInstant(now, zone), dayStarts, nightStarts);
    }

    /**
     * What to serve at {@code now}: the slot by server time, night falling back to day when
     * night has nothing published.
     *
     * @return empty when the pointers were never read or nothing usable is published
     */
    public Optional<Serving> servingAt(Instant now) {
        Slot wanted = slotAt(now);
        Map<Slot, Published> pointers = current;
        Published published = pointers.get(wanted);
        if (published == null && wanted == Slot.NIGHT) {
            published = pointers.get(Slot.DAY);
        }
        return Optional.ofNullable(published).map(p -> new Serving(p, wanted));
    }

    static List<Integer> resolutions(String csv) {
        List<Integer> resolutions = new ArrayList<>();
        if (csv == null) {
            return resolutions;
        }
        for (String part : csv.split(",")) {
            try {
                int resolution = Integer.parseInt(part.strip());
                if (resolution >= 0 && resolution <= 15 && !resolutions.contains(resolution)) {
                    resolutions.add(resolution);
                }
            } catch (NumberFormatException ignored) {
                // A description we cannot read only costs the other-resolution fallback.
            }
        }
        Collections.sort(resolutions);
        return List.copyOf(resolutions);
    }

    private static boolean sameGenerations(Map<Slot, Published> a, Map<Slot, Published> b) {
        for (Slot slot : Slot.values()) {
            String x = a.get(slot) == null ? null : a.get(slot).generation();
            String y = b.get(slot) == null ? null : b.get(slot).generation();
            if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Map<Slot, Published> pointers) {
        List<String> parts = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            Published p = pointers.get(slot);
            parts.add(slot.id() + "=" + (p == null ? "none" : p.generation()));
        }
        return String.join(", ", parts);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
