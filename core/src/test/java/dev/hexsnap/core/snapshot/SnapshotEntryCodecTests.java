package dev.hexsnap.core.snapshot;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotEntryCodecTests {

    private final SnapshotEntryCodec codec = new SnapshotEntryCodec(new GzipCodec());
    private final LatLng hotspot = new LatLng(31.2304, 121.4737);
    private final long cell = HexGrid.shared().cellOf(hotspot, 8);
    private final byte[] page = "{\"kind\":\"home\",\"floors\":[{\"floorId\":\"stores\"}]}".repeat(50).getBytes(StandardCharsets.UTF_8);

    @Test
    void anEncodedEntryDecodesToTheSamePageAndMetadata() {
        Instant crawled = Instant.parse("2026-11-23T02:00:00Z");

        var encoded = codec.encode(new SnapshotKey.Home(8, cell), "20261123-0200-day", Slot.DAY, crawled, cell, hotspot, page);
        SnapshotEntry entry = SnapshotEntryCodec.decode(encoded.frame());

        assertThat(entry.decompress()).isEqualTo(page);
        assertThat(entry.metadata()).isEqualTo(encoded.metadata());
        assertThat(entry.metadata().etag()).hasSize(32).isEqualTo(SnapshotEntryCodec.etagOf(page));
        assertThat(entry.metadata().sourceCell()).isEqualTo(cell);
        assertThat(entry.metadata().hotspot()).isEqualTo(hotspot);
        assertThat(entry.gzipLength()).isEqualTo(encoded.gzipLength()).isLessThan(page.length / 5);
    }

    @Test
    void aFlippedBodyByteIsDetectedWithoutDecompressing() {
        byte[] frame = codec.encode(new SnapshotKey.StoreCategories("s1"), "g1", Slot.NIGHT, Instant.EPOCH, 0, null, page).frame();
        frame[frame.length - 12] ^= 0x40;

        assertThatThrownBy(() -> SnapshotEntryCodec.decode(frame)).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void truncatedOrForeignValuesAreCorrupt() {
        byte[] frame = codec.encode(new SnapshotKey.StoreCategories("s1"), "g1", Slot.DAY, Instant.EPOCH, 0, null, page).frame();

        assertThatThrownBy(() -> SnapshotEntryCodec.decode(java.util.Arrays.copyOf(frame, 30))).isInstanceOf(CorruptEntryException.class);
        assertThatThrownBy(() -> SnapshotEntryCodec.decode("plain text that is long enough to pass".getBytes()))
                .isInstanceOf(CorruptEntryException.class).hasMessageContaining("magic");
    }

    @Test
    void everyHeaderFieldSurvivesTheRoundTrip() {
        Instant crawled = Instant.parse("2026-11-23T02:00:00.123Z");
        LatLng exact = new LatLng(31.2304, 121.4737); // whole 1e-7 degrees: stored as it is

        var home = codec.encode(new SnapshotKey.ChannelPage(dev.hexsnap.core.page.Channel.FRESH, 8, cell), "20261123-night",
                Slot.NIGHT, crawled, cell, exact, page);
        EntryMetadata decoded = SnapshotEntryCodec.decode(home.frame()).metadata();

        assertThat(decoded).isEqualTo(new EntryMetadata("20261123-night", Slot.NIGHT, crawled, SnapshotEntryCodec.etagOf(page),
                page.length, cell, exact));
        assertThat(decoded).isEqualTo(home.metadata());
    }

    @Test
    void theBodyIsExactlyWhatTheGzipCodecMakesOfThePageWhateverItsSize() {
        GzipCodec gzip = new GzipCodec();
        java.util.Random random = new java.util.Random(6);
        for (int size : new int[]{0, 1, 100, 2_000, 70_000, 300_000}) {
            StringBuilder json = new StringBuilder();
            while (json.length() < size) {
                json.append("{\"skuId\":\"p").append(random.nextInt(100_000)).append("\",\"priceCents\":").append(random.nextInt(9_999)).append('}');
            }
            byte[] raw = json.substring(0, size).getBytes(StandardCharsets.UTF_8);

            SnapshotEntry entry = SnapshotEntryCodec.decode(codec.encode(new SnapshotKey.StoreCategories("s1"), "g1", Slot.DAY,
                    Instant.EPOCH, 0, null, raw).frame());
            byte[] body = new byte[entry.gzipLength()];
            entry.gzipBody().get(body);

            assertThat(body).as("%d bytes", size).isEqualTo(gzip.compress(raw));
            assertThat(entry.decompress()).isEqualTo(raw);
        }
    }

    @Test
    void storePagesCarryNeitherCellNorHotspot() {
        var products = codec.encode(new SnapshotKey.StoreProducts("s1", "c1", 2), "20261123-day", Slot.DAY,
                Instant.parse("2026-11-23T02:00:00Z"), 0, null, page);

        SnapshotEntry entry = SnapshotEntryCodec.decode(products.frame());

        assertThat(entry.metadata().sourceCell()).isZero();
        assertThat(entry.metadata().hotspot()).isNull();
        assertThat(entry.metadata()).isEqualTo(products.metadata());
        assertThat(entry.decompress()).isEqualTo(page);
    }

    @Test
    void aHotspotWithoutACellAndACellWithoutAHotspotAreKeptApart() {
        var hotspotOnly = codec.encode(new SnapshotKey.Home(8, cell), "g1", Slot.DAY, Instant.EPOCH, 0, hotspot, page);
        var cellOnly = codec.encode(new SnapshotKey.Home(8, cell), "g1", Slot.DAY, Instant.EPOCH, cell, null, page);

        assertThat(SnapshotEntryCodec.decode(hotspotOnly.frame()).metadata().hotspot()).isEqualTo(hotspot);
        assertThat(SnapshotEntryCodec.decode(hotspotOnly.frame()).metadata().sourceCell()).isZero();
        assertThat(SnapshotEntryCodec.decode(cellOnly.frame()).metadata().sourceCell()).isEqualTo(cell);
        assertThat(SnapshotEntryCodec.decode(cellOnly.frame()).metadata().hotspot()).isNull();
    }

    @Test
    void extremeValuesSurviveTheRoundTrip() {
        String longest = "g".repeat(255);
        for (LatLng corner : new LatLng[]{new LatLng(90, 180), new LatLng(-90, -180), new LatLng(0, 0)}) {
            for (Instant at : new Instant[]{Instant.EPOCH, Instant.parse("1901-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z")}) {
                var encoded = codec.encode(new SnapshotKey.Home(8, cell), longest, Slot.DAY, at, -1L, corner, new byte[0]);

                SnapshotEntry entry = SnapshotEntryCodec.decode(encoded.frame());

                assertThat(entry.metadata()).isEqualTo(new EntryMetadata(longest, Slot.DAY, at, SnapshotEntryCodec.etagOf(new byte[0]),
                        0, -1L, corner));
                assertThat(entry.decompress()).isEmpty();
            }
        }
        var noGeneration = codec.encode(new SnapshotKey.StoreCategories("s1"), "", Slot.NIGHT, Instant.EPOCH, 0, null, page);
        assertThat(SnapshotEntryCodec.decode(noGeneration.frame()).metadata().generation()).isEmpty();
        assertThatThrownBy(() -> codec.encode(new SnapshotKey.StoreCategories("s1"), "g".repeat(256), Slot.DAY, Instant.EPOCH, 0, null, page))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generation");
    }

    @Test
    void theHotspotIsKeptToATenMillionthOfADegreeAndTheTimeToTheMillisecond() {
        LatLng precise = new LatLng(31.230412345678, 121.473698765432);
        Instant crawled = Instant.parse("2026-11-23T02:00:00.123456789Z");

        var encoded = codec.encode(new SnapshotKey.Home(8, cell), "g1", Slot.DAY, crawled, cell, precise, page);
        EntryMetadata decoded = SnapshotEntryCodec.decode(encoded.frame()).metadata();

        assertThat(decoded).isEqualTo(encoded.metadata());
        assertThat(decoded.hotspot().distanceMetres(precise)).isLessThan(0.01);
        assertThat(decoded.hotspot().lat()).isEqualTo(31.2304123);
        assertThat(decoded.crawledAt()).isEqualTo(Instant.parse("2026-11-23T02:00:00.123Z"));
    }

    @Test
    void theHeaderIsFiftyTwoBytesForAStorePageAndSixtyEightForALocationPage() {
        var store = codec.encode(new SnapshotKey.StoreProducts("s1", "c1", 1), "20261123-day", Slot.DAY, Instant.EPOCH, 0, null, page);
        var home = codec.encode(new SnapshotKey.Home(8, cell), "20261123-day", Slot.DAY, Instant.EPOCH, cell, hotspot, page);

        assertThat(store.frame().length - store.gzipLength()).isEqualTo(52);
        assertThat(home.frame().length - home.gzipLength()).isEqualTo(68);
        assertThat(SnapshotEntryCodec.decode(home.frame()).storedLength() - SnapshotEntryCodec.decode(home.frame()).gzipLength()).isEqualTo(68);
    }

    @Test
    void everyTruncationIsCorruptNeverAnotherError() {
        byte[] frame = codec.encode(new SnapshotKey.Home(8, cell), "20261123-day", Slot.DAY, Instant.EPOCH, cell, hotspot, page).frame();

        for (int length = 0; length < frame.length; length++) {
            byte[] truncated = Arrays.copyOf(frame, length);
            assertThatThrownBy(() -> SnapshotEntryCodec.decode(truncated)).as("first %d bytes", length)
                    .isInstanceOf(CorruptEntryException.class);
        }
    }

    @Test
    void aFlippedHeaderBitIsDetectedToo() {
        var encoded = codec.encode(new SnapshotKey.Home(8, cell), "g1", Slot.DAY, Instant.EPOCH, cell, hotspot, page);
        byte[] frame = encoded.frame();
        int headerEnd = frame.length - encoded.gzipLength();

        for (int at = 8; at < headerEnd; at++) {
            byte[] flipped = frame.clone();
            flipped[at] ^= 0x01;
            assertThatThrownBy(() -> SnapshotEntryCodec.decode(flipped)).as("bit flipped in byte %d", at)
                    .isInstanceOf(CorruptEntryException.class);
        }
    }

    @Test
    void headersThatPassTheChecksumButMakeNoSenseAreCorrupt() {
        byte[] frame = codec.encode(new SnapshotKey.Home(8, cell), "g1", Slot.DAY, Instant.EPOCH, cell, hotspot, page).frame();

        assertThatThrownBy(() -> SnapshotEntryCodec.decode(resealed(frame, 8, (byte) 0x04))).hasMessageContaining("flags");
        assertThatThrownBy(() -> SnapshotEntryCodec.decode(resealed(frame, 9, (byte) 3))).hasMessageContaining("slot");
        assertThatThrownBy(() -> SnapshotEntryCodec.decode(resealed(frame, 10, (byte) 0))).hasMessageContaining("kind");
        byte[] badLatitude = frame.clone();
        ByteBuffer.wrap(badLatitude).putInt(39 + 8, 910_000_000);
        assertThatThrownBy(() -> SnapshotEntryCodec.decode(resealed(badLatitude, 0, badLatitude[0]))).hasMessageContaining("hotspot");
        assertThatThrownBy(() -> SnapshotEntryCodec.decode(resealed(frame, 39 + 16, (byte) 200))).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aGzipBodyBrokenBeforeItWasFramedPassesTheFrameChecksButNotCheckGzip() {
        var encoded = codec.encode(new SnapshotKey.Home(8, cell), "g1", Slot.DAY, Instant.EPOCH, cell, hotspot, page);
        byte[] frame = encoded.frame();
        int bodyStart = frame.length - encoded.gzipLength();

        SnapshotEntryCodec.decode(frame).checkGzip(); // a sound entry passes
        // A byte of the deflate data, and one of gzip's own CRC-32 trailer, changed and the frame resealed:
        for (int at : new int[]{bodyStart + 12, frame.length - 6}) {
            byte[] broken = resealed(frame, at, (byte) (frame[at] ^ 0x5a));
            SnapshotEntry entry = SnapshotEntryCodec.decode(broken);
            assertThatThrownBy(entry::checkGzip).as("byte %d changed", at).isInstanceOf(CorruptEntryException.class);
        }
        // A valid gzip member of another page under this header: the lengths disagree.
        byte[] other = new GzipCodec().compress(Arrays.copyOf(page, page.length / 2));
        byte[] swapped = Arrays.copyOf(frame, bodyStart + other.length);
        System.arraycopy(other, 0, swapped, bodyStart, other.length);
        SnapshotEntry mismatched = SnapshotEntryCodec.decode(resealed(swapped, 0, swapped[0]));
        assertThatThrownBy(mismatched::checkGzip).isInstanceOf(CorruptEntryException.class).hasMessageContaining("header says");
    }

    @Test
    void anEntryOfTheOlderJsonHeaderFormatIsNamedAsSuch() {
        byte[] frame = codec.encode(new SnapshotKey.StoreCategories("s1"), "g1", Slot.DAY, Instant.EPOCH, 0, null, page).frame();
        frame[3] = '1';

        assertThatThrownBy(() -> SnapshotEntryCodec.decode(frame)).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("magic").hasMessageContaining("HXS2");
    }

    /** A copy with one byte changed and the CRC made to match again: damage the checksum cannot see. */
    private static byte[] resealed(byte[] frame, int at, byte value) {
        byte[] copy = frame.clone();
        copy[at] = value;
        CRC32C crc = new CRC32C();
        crc.update(copy, 8, copy.length - 8);
        ByteBuffer.wrap(copy).putInt(4, (int) crc.getValue());
        return copy;
    }

    @Test
    void keysRejectIdsThatCouldEscapeAKeyOrAPath() {
        assertThatThrownBy(() -> new SnapshotKey.StoreCategories("../etc")).hasMessageContaining("storeId");
        assertThatThrownBy(() -> new SnapshotKey.StoreCategories("a:b")).hasMessageContaining("storeId");
        assertThatThrownBy(() -> new SnapshotKey.StoreProducts("s1", "c 1", 1)).hasMessageContaining("categoryId");
        assertThatThrownBy(() -> new SnapshotKey.StoreProducts("s1", "c1", 0)).hasMessageContaining("page");
        assertThat(new SnapshotKey.StoreProducts("s1", "c1", 2).path()).isEqualTo("store:s1:products:c1:2");
    }
}
