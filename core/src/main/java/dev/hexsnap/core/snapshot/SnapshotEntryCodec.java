package dev.hexsnap.core.snapshot;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.page.Slot;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The stored form of a page: one Redis value holding a small binary header and the gzip
 * body, so a reader gets both in one GET.
 *
 * <pre>
 *   offset  size
 *    0       4   "HXS2"        magic and format version
 *    4       4   CRC-32C       big-endian, over every byte after it (header and body)
 *    8       1   flags         bit 0: source cell present, bit 1: hotspot present; other bits 0
 *    9       1   slot          1 day, 2 night
 *   10       1   page kind     1 home, 2 channel, 3 store-categories, 4 store-products
 *   11       8   crawl time    epoch milliseconds
 *   19      16   etag          the first 128 bits of SHA-256 of the uncompressed page
 *   35       4   raw length    bytes of the uncompressed page
 *   39      [8]  source cell   the H3 index, when flag bit 0
 *           [8]  hotspot       latitude and longitude in 1e-7 degrees (two ints), when flag bit 1
 *            1   n             length of the generation id
 *            n   generation    its ASCII bytes
 *           ...  body          gzip, as compressed by the worker
 * </pre>
 *
 * All numbers big-endian. The header is 52 bytes for a store page with a 12-character
 * generation id, 68 for a home or channel page: it was JSON (about 150 bytes) before, which
 * weighed a few per cent on a 1-3 KB product page. The hotspot is kept to 1e-7 degrees
 * (about 1 cm), and the crawl time to the millisecond; {@link EncodedEntry#metadata()} holds
 * them as stored, so what is written is what any reader decodes.
 *
 * <p>The CRC lets a reader reject a damaged value without decompressing it (gzip's own CRC
 * covers the uncompressed bytes, so checking it means inflating); it covers the header too,
 * so a flipped bit in the crawl time or the etag is caught as well. Thread-safe.
 */
public final class SnapshotEntryCodec {

    private static final byte[] MAGIC = {'H', 'X', 'S', '2'};
    private static final HexFormat HEX = HexFormat.of();

    private static final int CRC_OFFSET = 4;
    private static final int FLAGS_OFFSET = 8;
    private static final int SLOT_OFFSET = 9;
    private static final int KIND_OFFSET = 10;
    private static final int TIME_OFFSET = 11;
    private static final int ETAG_OFFSET = 19;
    private static final int ETAG_BYTES = 16;
    private static final int RAW_LENGTH_OFFSET = 35;
    private static final int OPTIONAL_OFFSET = 39;
    private static final int FLAG_SOURCE_CELL = 1;
    private static final int FLAG_HOTSPOT = 1 << 1;
    /** The shortest gzip member: 10 bytes of header, an empty deflate block, 8 bytes of trailer. */
    private static final int MIN_GZIP = 18;
    private static final double E7 = 1e7;

    private final GzipCodec gzip;

    public SnapshotEntryCodec(GzipCodec gzip) {
        this.gzip = gzip;
    }

    /**
     * Compresses a page and frames it with its metadata.
     *
     * @param sourceCell the cell the page was fetched for; 0 for none (store pages)
     * @param hotspot    where it was fetched for; null for none (store pages)
     * @param raw        the page as the upstream answered it
     * @throws IllegalArgumentException when the generation id is longer than 255 bytes
     */
    public EncodedEntry encode(SnapshotKey key, String generation, Slot slot, Instant crawledAt,
                               long sourceCell, LatLng hotspot, byte[] raw) {
        byte[] generationBytes = generation.getBytes(StandardCharsets.UTF_8);
        if (generationBytes.length > 0xFF) {
            throw new IllegalArgumentException("generation id too long for an entry header: " + generationBytes.length + " bytes");
        }
        byte[] digest = sha256(raw);
        int flags = (sourceCell != 0 ? FLAG_SOURCE_CELL : 0) | (hotspot != null ? FLAG_HOTSPOT : 0);
        int bodyOffset = bodyOffset(flags, generationBytes.length);
        // The body is compressed straight behind the room left for the header: one buffer, one final trim.
        FrameBuffer out = new FrameBuffer(bodyOffset + raw.length / 3 + 64);
        out.skip(bodyOffset);
        gzip.compress(raw, out);
        byte[] bytes = out.toExactArray();
        long millis = crawledAt.toEpochMilli();
        ByteBuffer frame = ByteBuffer.wrap(bytes);
        frame.put(MAGIC).putInt(0).put((byte) flags).put(slotCode(slot)).put(kindCode(key.kind())).putLong(millis)
                .put(digest, 0, ETAG_BYTES).putInt(raw.length);
        LatLng storedHotspot = null;
        if (sourceCell != 0) {
            frame.putLong(sourceCell);
        }
        if (hotspot != null) {
            int lat = (int) Math.round(hotspot.lat() * E7);
            int lng = (int) Math.round(hotspot.lng() * E7);
            frame.putInt(lat).putInt(lng);
            storedHotspot = new LatLng(lat / E7, lng / E7);
        }
        frame.put((byte) generationBytes.length).put(generationBytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, FLAGS_OFFSET, bytes.length - FLAGS_OFFSET);
        frame.putInt(CRC_OFFSET, (int) crc.getValue());
        EntryMetadata metadata = new EntryMetadata(generation, slot, Instant.ofEpochMilli(millis),
                HEX.formatHex(digest, 0, ETAG_BYTES), raw.length, sourceCell, storedHotspot);
        return new EncodedEntry(key, metadata, bytes);
    }

    /**
     * Reads a stored value, checking its framing and its CRC.
     *
     * @throws CorruptEntryException when anything does not check out
     */
    public static SnapshotEntry decode(byte[] frame) {
        if (frame == null || frame.length < MAGIC.length) {
            throw new CorruptEntryException("entry too short: " + (frame == null ? 0 : frame.length) + " bytes");
        }
        checkMagic(frame);
        int bodyOffset = bodyOffset(frame);
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        CRC32C crc = new CRC32C();
        crc.update(frame, FLAGS_OFFSET, frame.length - FLAGS_OFFSET);
        if ((int) crc.getValue() != buffer.getInt(CRC_OFFSET)) {
            throw new CorruptEntryException("entry checksum mismatch");
        }
        if ((frame[bodyOffset] & 0xFF) != 0x1f || (frame[bodyOffset + 1] & 0xFF) != 0x8b) {
            throw new CorruptEntryException("body is not gzip");
        }
        int flags = frame[FLAGS_OFFSET] & 0xFF;
        Slot slot = slotOf(frame[SLOT_OFFSET]);
        kindOf(frame[KIND_OFFSET]);
        long millis = buffer.getLong(TIME_OFFSET);
        String etag = HEX.formatHex(frame, ETAG_OFFSET, ETAG_OFFSET + ETAG_BYTES);
        int rawLength = buffer.getInt(RAW_LENGTH_OFFSET);
        if (rawLength < 0) {
            throw new CorruptEntryException("invalid entry header: raw length " + Integer.toUnsignedString(rawLength));
        }
        int at = OPTIONAL_OFFSET;
        long sourceCell = 0;
        if ((flags & FLAG_SOURCE_CELL) != 0) {
            sourceCell = buffer.getLong(at);
            at += 8;
        }
        LatLng hotspot = null;
        if ((flags & FLAG_HOTSPOT) != 0) {
            double lat = buffer.getInt(at) / E7;
            double lng = buffer.getInt(at + 4) / E7;
            if (!LatLng.isValid(lat, lng)) {
                throw new CorruptEntryException("invalid entry header: hotspot " + lat + "," + lng + " is no place");
            }
            hotspot = new LatLng(lat, lng);
            at += 8;
        }
        int generationLength = frame[at] & 0xFF;
        String generation = new String(frame, at + 1, generationLength, StandardCharsets.UTF_8);
        // Every long is a valid instant in milliseconds (Instant reaches far beyond either end of a long).
        EntryMetadata metadata = new EntryMetadata(generation, slot, Instant.ofEpochMilli(millis), etag, rawLength,
                sourceCell, hotspot);
        return new SnapshotEntry(metadata, frame, bodyOffset);
    }

    /** The content hash used as ETag: the first 128 bits of SHA-256, in hex. */
    public static String etagOf(byte[] raw) {
        return HEX.formatHex(sha256(raw), 0, ETAG_BYTES);
    }

    private static byte[] sha256(byte[] raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void checkMagic(byte[] frame) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (frame[i] != MAGIC[i]) {
                boolean older = i == MAGIC.length - 1;
                throw new CorruptEntryException(older
                        ? "not an entry of this format (bad magic: version '" + (char) frame[i] + "', this reader reads HXS2)"
                        : "not a hexsnap entry (bad magic)");
            }
        }
    }

    /** Where the body starts, from the header's flags and generation length; checks that everything fits. */
    private static int bodyOffset(byte[] frame) {
        if (frame.length < OPTIONAL_OFFSET + 1 + MIN_GZIP) {
            throw new CorruptEntryException("entry truncated: " + frame.length + " bytes");
        }
        int flags = frame[FLAGS_OFFSET] & 0xFF;
        if ((flags & ~(FLAG_SOURCE_CELL | FLAG_HOTSPOT)) != 0) {
            throw new CorruptEntryException("invalid entry header: unknown flags " + Integer.toBinaryString(flags));
        }
        int generationAt = bodyOffset(flags, 0) - 1;
        if (generationAt >= frame.length) {
            throw new CorruptEntryException("entry truncated: " + frame.length + " bytes");
        }
        int bodyOffset = bodyOffset(flags, frame[generationAt] & 0xFF);
        if (bodyOffset + MIN_GZIP > frame.length) {
            throw new CorruptEntryException("entry truncated: header says the body starts at byte " + bodyOffset
                    + " of " + frame.length);
        }
        return bodyOffset;
    }

    private static int bodyOffset(int flags, int generationLength) {
        return OPTIONAL_OFFSET + ((flags & FLAG_SOURCE_CELL) != 0 ? 8 : 0) + ((flags & FLAG_HOTSPOT) != 0 ? 8 : 0)
                + 1 + generationLength;
    }

    private static byte slotCode(Slot slot) {
        return switch (slot) {
            case DAY -> 1;
            case NIGHT -> 2;
        };
    }

    private static Slot slotOf(byte code) {
        return switch (code) {
            case 1 -> Slot.DAY;
            case 2 -> Slot.NIGHT;
            default -> throw new CorruptEntryException("invalid entry header: slot code " + code);
        };
    }

    private static byte kindCode(PageKind kind) {
        return switch (kind) {
            case HOME -> 1;
            case CHANNEL -> 2;
            case STORE_CATEGORIES -> 3;
            case STORE_PRODUCTS -> 4;
        };
    }

    private static PageKind kindOf(byte code) {
        return switch (code) {
            case 1 -> PageKind.HOME;
            case 2 -> PageKind.CHANNEL;
            case 3 -> PageKind.STORE_CATEGORIES;
            case 4 -> PageKind.STORE_PRODUCTS;
            default -> throw new CorruptEntryException("invalid entry header: page kind code " + code);
        };
    }

    /** A growable byte buffer that hands over its bytes without a copy when they fill it exactly. */
    private static final class FrameBuffer extends OutputStream {

        private byte[] bytes;
        private int size;

        FrameBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        void skip(int n) {
            ensure(n);
            size += n;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }

        byte[] toExactArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /**
     * A page ready to be written.
     *
     * @param key      which page
     * @param metadata what the header says
     * @param frame    the value to store
     */
    public record EncodedEntry(SnapshotKey key, EntryMetadata metadata, byte[] frame) {

        /** Size of the gzip body in bytes. */
        public int gzipLength() {
            return frame.length - bodyOffset(frame);
        }
    }
}
