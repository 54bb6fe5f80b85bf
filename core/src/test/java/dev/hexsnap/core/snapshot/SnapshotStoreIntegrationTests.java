package dev.hexsnap.core.snapshot;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.testsupport.RedisTestCluster;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store against the machine's real Redis and against a real three-master cluster.
 */
class SnapshotStoreIntegrationTests {

    private static RedisTestCluster cluster;

    private final SnapshotEntryCodec codec = new SnapshotEntryCodec(new GzipCodec());
    private final HexGrid grid = HexGrid.shared();

    @BeforeAll
    static void startCluster() {
        cluster = RedisTestCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    static Stream<String> deployments() {
        return Stream.of("standalone", "cluster");
    }

    private RedisKeyValue connect(String deployment) {
        String ns = TestNamespaces.fresh();
        return RedisKeyValue.connect(deployment.equals("cluster")
                ? RedisSettings.cluster(cluster.nodes(), ns)
                : RedisSettings.standalone(TestServices.REDIS, ns));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void pagesWrittenThroughThePipelineAreReadBackSingleAndInBulk(String deployment) {
        try (RedisKeyValue redis = connect(deployment)) {
            SnapshotStore store = new SnapshotStore(redis);
            List<SnapshotKey> keys = new ArrayList<>();
            try (SnapshotWriter writer = store.openWriter("g1", Duration.ofMinutes(5), 7)) {
                for (int i = 0; i < 50; i++) {
                    LatLng point = new LatLng(31.0 + i * 0.01, 121.0);
                    long cell = grid.cellOf(point, 8);
                    SnapshotKey key = new SnapshotKey.ChannelPage(Channel.FRESH, 8, cell);
                    keys.add(key);
                    writer.put(codec.encode(key, "g1", Slot.DAY, Instant.now(), cell, point, page(i)));
                }
            }

            assertThat(store.read("g1", keys.get(3)).orElseThrow().decompress()).isEqualTo(page(3));
            List<java.util.Optional<SnapshotEntry>> all = store.readAll("g1", keys);
            assertThat(all).hasSize(50).allMatch(java.util.Optional::isPresent);
            assertThat(all.get(49).orElseThrow().decompress()).isEqualTo(page(49));
            assertThat(store.read("g2", keys.get(3))).isEmpty();
            assertThat(redis.await(redis.pttl(store.entryKey("g1", keys.get(0))))).isBetween(1L, 300_000L);
            TestNamespaces.clear(TestServices.REDIS, redis.namespace());
        }
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void publishingSwitchesAtomicallyAndRollbackRestoresThePreviousGeneration(String deployment) {
        try (RedisKeyValue redis = connect(deployment)) {
            SnapshotStore store = new SnapshotStore(redis);
            Instant now = Instant.parse("2026-11-23T03:00:00Z");
            store.describe(new GenerationInfo("g1", Slot.DAY, GenerationInfo.WRITING, now, null, "7,8", 10, 1000));
            store.describe(new GenerationInfo("g2", Slot.DAY, GenerationInfo.WRITING, now.plusSeconds(60), null, "7,8", 10, 1000));

            assertThat(store.publish(Slot.DAY, "g1", now)).isEmpty();
            assertThat(store.publish(Slot.DAY, "g2", now)).contains("g1");
            assertThat(store.current(Slot.DAY)).contains("g2");
            assertThat(store.previous(Slot.DAY)).contains("g1");
            assertThat(store.current(Slot.NIGHT)).isEmpty();
            assertThat(store.generation("g2").orElseThrow().state()).isEqualTo(GenerationInfo.PUBLISHED);
            assertThat(store.generation("g1").orElseThrow().state()).isEqualTo(GenerationInfo.RETIRED);
            assertThat(store.generations()).extracting(GenerationInfo::id).containsExactly("g2", "g1");

            assertThat(store.rollback(Slot.DAY)).contains("g1");
            assertThat(store.current(Slot.DAY)).contains("g1");
            assertThat(store.previous(Slot.DAY)).contains("g2");
            assertThatThrownBy(() -> store.delete("g1")).isInstanceOf(IllegalStateException.class);
            assertThat(store.rollback(Slot.NIGHT)).isEmpty();
            TestNamespaces.clear(TestServices.REDIS, redis.namespace());
        }
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void aStoredValueWithFlippedBytesIsCountedAndNeverServed(String deployment) {
        try (RedisKeyValue redis = connect(deployment)) {
            SnapshotStore store = new SnapshotStore(redis);
            var encoded = codec.encode(new SnapshotKey.StoreCategories("s42"), "g1", Slot.DAY, Instant.now(), 0, null, page(1));
            int bodyAt = encoded.frame().length - encoded.gzipLength();
            // A byte of the header's crawl time, of the gzip header, of the deflate data, of gzip's trailer; and a cut value.
            int[] flipped = {12, bodyAt + 4, bodyAt + encoded.gzipLength() / 2, encoded.frame().length - 3};
            List<SnapshotKey> keys = new ArrayList<>();
            for (int i = 0; i < flipped.length; i++) {
                SnapshotKey key = new SnapshotKey.StoreCategories("s" + (100 + i));
                byte[] frame = encoded.frame().clone();
                frame[flipped[i]] ^= 0x10;
                redis.await(redis.set(store.entryKey("g1", key), frame));
                keys.add(key);
            }
            SnapshotKey cut = new SnapshotKey.StoreCategories("s199");
            redis.await(redis.set(store.entryKey("g1", cut), java.util.Arrays.copyOf(encoded.frame(), encoded.frame().length - 1)));
            keys.add(cut);

            for (SnapshotKey key : keys) {
                assertThat(store.read("g1", key)).as(key.path()).isEmpty();
            }
            assertThat(store.readAll("g1", keys)).containsOnly(Optional.empty());
            assertThat(store.corruptEntries()).isEqualTo(2L * keys.size());
            TestNamespaces.clear(TestServices.REDIS, redis.namespace());
        }
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theWriterRefusesABodyThatDoesNotInflateToItsPage(String deployment) {
        try (RedisKeyValue redis = connect(deployment)) {
            SnapshotStore store = new SnapshotStore(redis);
            SnapshotKey good = new SnapshotKey.StoreCategories("s1");
            SnapshotKey badBody = new SnapshotKey.StoreCategories("s43");
            // A gzip body broken before it was framed: the frame's CRC-32C is computed over the broken bytes, so
            // it passes; only inflating the body shows the damage.
            var encoded = codec.encode(badBody, "g1", Slot.DAY, Instant.now(), 0, null, page(1));
            byte[] sealed = encoded.frame().clone();
            sealed[sealed.length - encoded.gzipLength() + 12] ^= 0x5a;
            CRC32C crc = new CRC32C();
            crc.update(sealed, 8, sealed.length - 8);
            ByteBuffer.wrap(sealed).putInt(4, (int) crc.getValue());
            var broken = new SnapshotEntryCodec.EncodedEntry(badBody, encoded.metadata(), sealed);
            // And one whose header claims a page longer than the body inflates to.
            var longer = codec.encode(new SnapshotKey.StoreCategories("s44"), "g1", Slot.DAY, Instant.now(), 0, null, page(1));
            var liar = new SnapshotEntryCodec.EncodedEntry(longer.key(), longer.metadata(), longer.frame().clone());
            ByteBuffer.wrap(liar.frame()).putInt(35, longer.metadata().rawLength() + 1);
            CRC32C crc2 = new CRC32C();
            crc2.update(liar.frame(), 8, liar.frame().length - 8);
            ByteBuffer.wrap(liar.frame()).putInt(4, (int) crc2.getValue());

            try (SnapshotWriter writer = store.openWriter("g1", Duration.ofMinutes(5), 100)) {
                writer.put(codec.encode(good, "g1", Slot.DAY, Instant.now(), 0, null, page(2)));
                assertThatThrownBy(() -> writer.put(broken)).isInstanceOf(CorruptEntryException.class)
                        .hasMessageContaining("refusing to write store:s43:categories");
                assertThatThrownBy(() -> writer.put(liar)).isInstanceOf(CorruptEntryException.class)
                        .hasMessageContaining("header says");
            }

            assertThat(store.readRaw("g1", badBody)).isEmpty();
            assertThat(store.readRaw("g1", longer.key())).isEmpty();
            assertThat(store.read("g1", good)).isPresent();
            TestNamespaces.clear(TestServices.REDIS, redis.namespace());
        }
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void deletingAGenerationRemovesEveryEntryOfItAndNothingElse(String deployment) {
        try (RedisKeyValue redis = connect(deployment)) {
            SnapshotStore store = new SnapshotStore(redis);
            for (String generation : new String[]{"old", "new"}) {
                try (SnapshotWriter writer = store.openWriter(generation, Duration.ofMinutes(5), 100)) {
                    for (int i = 0; i < 120; i++) {
                        writer.put(codec.encode(new SnapshotKey.StoreCategories("s" + i), generation, Slot.DAY,
                                Instant.now(), 0, null, page(i)));
                    }
                }
            }

            assertThat(store.delete("old")).isEqualTo(120);
            assertThat(store.read("old", new SnapshotKey.StoreCategories("s7"))).isEmpty();
            assertThat(store.read("new", new SnapshotKey.StoreCategories("s7"))).isPresent();
            TestNamespaces.clear(TestServices.REDIS, redis.namespace());
        }
    }

    private static byte[] page(int i) {
        return ("{\"kind\":\"channel\",\"n\":" + i + ",\"floors\":[]}").repeat(20).getBytes(StandardCharsets.UTF_8);
    }
}
