package dev.hexsnap.core.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One stored page: its metadata and its gzip bytes, exactly as the worker compressed them.
 * The gzip body is a view into the stored value, so serving it to a client that accepts
 * gzip costs no copy and no decompression.
 */
public final class SnapshotEntry {

    private final EntryMetadata metadata;
    private final byte[] frame;
    private final int bodyOffset;

    SnapshotEntry(EntryMetadata metadata, byte[] frame, int bodyOffset) {
        this.metadata = metadata;
        this.frame = frame;
        this.bodyOffset = bodyOffset;
    }

    public EntryMetadata metadata() {
        return metadata;
    }

    /** Size of the gzip body in bytes. */
    public int gzipLength() {
        return frame.length - bodyOffset;
    }

    /** Size of the whole stored value (header included) in bytes. */
    public int storedLength() {
        return frame.length;
    }

    /** The gzip body as a read-only buffer, without copying. */
    public ByteBuffer gzipBody() {
        return ByteBuffer.wrap(frame, bodyOffset, frame.length - bodyOffset).asReadOnlyBuffer();
    }

    /** Writes the gzip body to {@code out}. */
    public void writeGzipTo(OutputStream out) throws IOException {
        out.write(frame, bodyOffset, frame.length - bodyOffset);
    }

    /**
     * Inflates the gzip body without keeping it and checks it: valid deflate data, gzip's own CRC-32
     * and length, and the page length the header recorded. Catches a body that was already broken
     * when it was framed, which the frame's CRC-32C (over the stored bytes) cannot: the
     * {@link SnapshotWriter} calls it before writing, so readers need not.
     *
     * @throws CorruptEntryException when the body is not the page it claims to be
     */
    public void checkGzip() {
        long length = GzipCodec.inflatedLength(frame, bodyOffset, frame.length - bodyOffset);
        if (length != metadata.rawLength()) {
            throw new CorruptEntryException("the gzip body inflates to " + length + " bytes, the header says "
                    + metadata.rawLength());
        }
    }

    /** The uncompressed page (decompresses; verifies gzip's own CRC). */
    public byte[] decompress() {
        byte[] gzip = new byte[frame.length - bodyOffset];
        System.arraycopy(frame, bodyOffset, gzip, 0, gzip.length);
        return GzipCodec.decompress(gzip);
    }
}
