package dev.hexsnap.core.snapshot;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * gzip (RFC 1952) through Apache Commons Compress, over the JDK's zlib. Thread-safe; every
 * call owns its streams and closes them, which frees zlib's native memory.
 */
public final class GzipCodec {

    /** zlib's default trade-off, what {@code gzip -6} uses. */
    public static final int DEFAULT_LEVEL = 6;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MIN_BUFFER_SIZE = 512;

    private final int level;

    /** @param level 1 (fastest) to 9 (smallest) */
    public GzipCodec(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("gzip level must be within [1, 9], got " + level);
        }
        this.level = level;
    }

    public GzipCodec() {
        this(DEFAULT_LEVEL);
    }

    public byte[] compress(byte[] raw) {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(level);
        parameters.setBufferSize(BUFFER_SIZE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out, parameters)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip compression failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Compresses {@code raw} as one gzip member (the same bytes as {@link #compress(byte[])})
     * written to {@code out}, which is left open: a caller framing the body writes it straight
     * after its own header, without copying it. The stream's buffer is sized to the page (at
     * most 64 KB), so a 2 KB page does not allocate a 64 KB buffer.
     */
    public void compress(byte[] raw, OutputStream out) {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(level);
        parameters.setBufferSize(Math.clamp(raw.length, MIN_BUFFER_SIZE, BUFFER_SIZE));
        OutputStream open = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the gzip stream's close ends the member; the caller's stream stays open
            }
        };
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(open, parameters)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip compression failed", e);
        }
    }

    /**
     * The length of what one gzip member inflates to, checking its CRC and length on the way;
     * nothing is kept.
     *
     * @throws CorruptEntryException when the bytes are not valid gzip
     */
    public static long inflatedLength(byte[] bytes, int offset, int length) {
        try (GzipCompressorInputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            byte[] scratch = new byte[BUFFER_SIZE];
            long total = 0;
            for (int n; (n = in.read(scratch)) > 0; ) {
                total += n;
            }
            return total;
        } catch (IOException | RuntimeException e) {
            throw new CorruptEntryException("not valid gzip: " + e.getMessage(), e);
        }
    }

    /**
     * Decompresses one gzip member, checking its CRC and length.
     *
     * @throws CorruptEntryException when the bytes are not valid gzip
     */
    public static byte[] decompress(byte[] gzip) {
        try (GzipCompressorInputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new CorruptEntryException("not valid gzip: " + e.getMessage(), e);
        }
    }
}
