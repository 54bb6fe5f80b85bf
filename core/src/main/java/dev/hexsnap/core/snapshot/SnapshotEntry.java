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

    /** The uncompressed page (decompresses; verifies gzip's own CRC). */
    public byte[] decompress() {
        byte[] gzip = new byte[frame.length - bodyOffset];
        System.arraycopy(frame, bodyOffset, gzip, 0, gzip.length);
        return GzipCodec.decompress(gzip);
    }
}
