package dev.hexsnap.api;

import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.snapshot.SnapshotWriter;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes snapshot generations exactly as the snapshot-worker does: pages encoded by
 * {@link SnapshotEntryCodec#encode}, written through {@link SnapshotStore#openWriter}, the
 * generation described ({@link SnapshotStore#describe}) and published ({@link SnapshotStore#publish}).
 */
public final class SnapshotFixture implements AutoCloseable {

    /**
     * "Now" as the API under test reads it: {@code hexsnap.clock.start} (or {@code HEXSNAP_CLOCK_START})
     * shifts both, so crawl times, client-copy ages and slots agree on any day the suite runs.
     */
    public static final Clock CLOCK = ShiftedClock.fromSystem();

    /** The current instant of {@link #CLOCK}. */
    public static Instant now() {
        return CLOCK.instant();
    }


    static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisKeyValue redis;
    private final SnapshotStore store;
    private final SnapshotEntryCodec codec = new SnapshotEntryCodec(new GzipCodec());
    private final HexGrid grid = HexGrid.shared();

    public SnapshotFixture(RedisSettings settings) {
        this.redis = RedisKeyValue.connect(settings);
        this.store = new SnapshotStore(redis);
    }

    public SnapshotStore store() {
        return store;
    }

    public RedisKeyValue redis() {
        return redis;
    }

    /** Starts a generation; write pages into it, then {@link Generation#publish()}. */
    public Generation generation(String id, Slot slot, String resolutions) {
        return new Generation(id, slot, resolutions);
    }

    /** A realistic home or channel page for a location, showing {@code stores}. */
    public static byte[] locationPage(String kind, String channel, LatLng at, String marker, String... stores) {
        List<StoreCard> cards = new ArrayList<>();
        for (String store : stores) {
            cards.add(new StoreCard(store, "Store " + store + " " + marker, "https://img.example/" + store + ".png",
                    List.of("supermarket"), 4.6, 1200, 800, 30, 300, 2000, StoreCard.OPEN, List.of("new")));
        }
        LocationPage page = new LocationPage(kind, channel, "generic", "day", at.lat(), at.lng(), true,
                Instant.parse("2026-11-23T02:00:00Z"),
                List.of(new LocationPage.Floor("f1", "stores", "Nearby " + marker, null, null, cards, null)));
        return JSON.writeValueAsBytes(page);
    }

    /** A small JSON document standing for a store page. */
    public static byte[] storePage(String kind, String storeId, String extra) {
        return ("{\"kind\":\"" + kind + "\",\"storeId\":\"" + storeId + "\",\"marker\":\"" + extra + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One generation being written. */
    public final class Generation {

        private final String id;
        private final Slot slot;
        private final String resolutions;
        private final Instant createdAt = now();
        private final SnapshotWriter writer;
        private long pages;

        private Generation(String id, Slot slot, String resolutions) {
            this.id = id;
            this.slot = slot;
            this.resolutions = resolutions;
            this.writer = store.openWriter(id, Duration.ofHours(1), 50);
            store.describe(new GenerationInfo(id, slot, GenerationInfo.WRITING, createdAt, null, resolutions, 0, 0));
        }

        public String id() {
            return id;
        }

        /** Writes the home page of the cell containing {@code at}, fetched at {@code at} as hotspot. */
        public long home(LatLng at, int resolution, Instant crawledAt, byte[] raw) {
            long cell = grid.cellOf(at, resolution);
            put(new SnapshotKey.Home(resolution, cell), crawledAt, cell, at, raw);
            return cell;
        }

        public void put(SnapshotKey key, Instant crawledAt, long sourceCell, LatLng hotspot, byte[] raw) {
            writer.put(codec.encode(key, id, slot, crawledAt, sourceCell, hotspot, raw));
            pages++;
        }

        public void store(SnapshotKey key, Instant crawledAt, byte[] raw) {
            put(key, crawledAt, 0, null, raw);
        }

        /** Flushes, describes and publishes the generation as the slot's current one. */
        public String publish() {
            writer.close();
            store.describe(new GenerationInfo(id, slot, GenerationInfo.WRITING, createdAt, null, resolutions,
                    pages, writer.writtenBytes()));
            store.publish(slot, id, now());
            return id;
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
