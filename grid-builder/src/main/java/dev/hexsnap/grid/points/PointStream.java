package dev.hexsnap.grid.points;

import dev.hexsnap.core.cli.UsageException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipException;

/**
 * Reads request points on a thread of its own and hands them over in {@link PointBatch}es,
 * so that parsing (and decompression, and hashing) runs on one core while the caller
 * aggregates on the other. A fixed pool of batches circulates between the two threads:
 * memory stays the same for ten points or ten billion.
 *
 * <p>Input format: one point per line, {@code lat,lng[,count]} in decimal degrees (WGS84,
 * latitude first); an optional header line (a first line that is not a point and names a
 * {@code lat} column);
 * blank lines and lines starting with {@code #} are skipped. A malformed or out-of-range line
 * is counted as bad, with its line number kept for the first few.
 *
 * <p>Use from one consumer thread: {@link #next} until a batch {@link PointBatch#isLast()},
 * {@link #recycle} each batch after use, then {@link #summary()}. {@link #close()} from any
 * thread stops the reader.
 */
public final class PointStream implements AutoCloseable {

    private static final int POOL = 8;
    private static final int BUFFER = 1 << 16;
    /** Longer lines are not points; they are counted bad without being buffered. */
    static final int MAX_LINE = 4096;

    private final PointSource source;
    private final Duration connectTimeout;
    private final int badExamples;
    private final Consumer<PointBatch> prepare;
    private final BlockingQueue<PointBatch> free = new ArrayBlockingQueue<>(POOL);
    /** One more than the pool: room for a fresh end-of-input batch when reading fails mid-way. */
    private final BlockingQueue<PointBatch> full = new ArrayBlockingQueue<>(POOL + 1);
    private final Thread thread;

    private volatile InputStream input;
    private volatile boolean closed;
    private volatile long linesRead;
    private volatile long badRead;
    private volatile long bytesRead;
    private volatile long lastDataNanos = System.nanoTime();
    private volatile ReadSummary summary;

    private PointStream(PointSource source, Duration connectTimeout, int badExamples, Consumer<PointBatch> prepare) {
        this.source = source;
        this.connectTimeout = connectTimeout;
        this.badExamples = badExamples;
        this.prepare = prepare;
        for (int i = 0; i < POOL; i++) {
            free.add(new PointBatch());
        }
        this.thread = Thread.ofPlatform().name("grid-points-reader").daemon().unstarted(this::readAll);
    }

    /**
     * Starts reading {@code source} in the background.
     *
     * @param connectTimeout for URLs: how long to wait for the server's answer
     * @param badExamples    how many bad lines to keep with their line numbers
     */
    public static PointStream start(PointSource source, Duration connectTimeout, int badExamples) {
        return start(source, connectTimeout, badExamples, batch -> {
        });
    }

    /**
     * Starts reading, and runs {@code prepare} on each filled batch on the reader thread
     * before handing it over: work moved there (such as one resolution's H3 cells) runs in
     * parallel with the consumer's.
     */
    public static PointStream start(PointSource source, Duration connectTimeout, int badExamples,
                                    Consumer<PointBatch> prepare) {
        PointStream stream = new PointStream(source, connectTimeout, badExamples, prepare);
        stream.thread.start();
        return stream;
    }

    /** The next batch, or null when none arrived within the timeout. */
    public PointBatch next(long timeout, TimeUnit unit) throws InterruptedException {
        return full.poll(timeout, unit);
    }

    /** Gives a batch back to the reader once its points are used. */
    public void recycle(PointBatch batch) {
        batch.clear();
        free.offer(batch);
    }

    /** Data lines read so far (progress; read from any thread). */
    public long linesRead() {
        return linesRead;
    }

    /** Bad lines so far. */
    public long badLines() {
        return badRead;
    }

    /** Decompressed bytes read so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** How long since the input last delivered bytes: a stalled network source shows here. */
    public Duration sinceLastData() {
        return Duration.ofNanos(System.nanoTime() - lastDataNanos);
    }

    /** The totals, once a batch marked last has been taken; null before. */
    public ReadSummary summary() {
        return summary;
    }

    /** Stops reading (from any thread): closes the input, which unblocks a waiting read. */
    @Override
    public void close() {
        closed = true;
        InputStream in = input;
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                // closing to interrupt; the reader reports what happened
            }
        }
        thread.interrupt();
    }

    private void readAll() {
        PointBatch last = null;
        Throwable failure = null;
        try (InputStream in = source.open(connectTimeout)) {
            input = in;
            if (closed) {
                throw new IOException("reading stopped");
            }
            last = parse(in, free.take());
            prepare.accept(last);
        } catch (InterruptedException e) {
            failure = new IOException("reading stopped");
        } catch (EOFException e) {
            failure = new UsageException(source.description() + " ends early (truncated gzip?); nothing written");
        } catch (ZipException e) {
            failure = new UsageException(source.description() + " is not valid gzip (" + e.getMessage() + "); nothing written");
        } catch (IOException | RuntimeException e) {
            failure = closed ? new IOException("reading stopped", e) : e;
        } catch (Error e) {
            failure = e;
        }
        if (last == null) {
            // The batch being filled may already be in the queue: end with a fresh one.
            last = new PointBatch();
        }
        last.markLast(failure);
        full.offer(last); // always room: the queue holds one more than the pool
    }

    /** Reads to the end; returns the batch in progress (possibly partly filled). */
    private PointBatch parse(InputStream in, PointBatch batch) throws IOException, InterruptedException {
        MessageDigest sha256 = sha256();
        PointLineParser parser = new PointLineParser();
        List<BadLine> firstBad = new ArrayList<>();
        byte[] buf = new byte[BUFFER];
        int start = 0;
        int end = 0;
        long lineNumber = 0;
        long lines = 0;
        long valid = 0;
        long bad = 0;
        long requests = 0;
        long bytes = 0;
        boolean headerPossible = true;
        boolean skippingLongLine = false;
        boolean eof = false;
        while (!eof) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
                if (end > start) {
                    buf[end++] = '\n'; // the last line without a terminator (room: a full buffer was handled below)
                }
            } else {
                sha256.update(buf, end, n);
                end += n;
                bytes += n;
            }
            int scan = start;
            for (int i = scan; i < end; i++) {
                if (buf[i] != '\n') {
                    continue;
                }
                lineNumber++;
                int from = start;
                start = i + 1;
                if (skippingLongLine) {
                    skippingLongLine = false;
                    continue; // already counted when it overflowed the buffer
                }
                if (from == i || buf[from] == '#') {
                    continue;
                }
                PointLineParser.Outcome outcome = parser.parse(buf, from, i);
                switch (outcome) {
                    case BLANK -> {
                        continue;
                    }
                    case OK -> {
                        headerPossible = false;
                        lines++;
                        valid++;
                        requests += parser.count;
                        if (parser.count > 0 && batch.add(parser.lat, parser.lng, parser.count)) {
                            prepare.accept(batch);
                            full.put(batch);
                            batch = free.take();
                        }
                    }
                    default -> {
                        if (headerPossible && namesLatitude(buf, from, i)) {
                            headerPossible = false; // a header: not data
                            continue;
                        }
                        headerPossible = false;
                        lines++;
                        bad++;
                        if (firstBad.size() < badExamples) {
                            firstBad.add(new BadLine(lineNumber, parser.describe(outcome, buf, from, i)));
                        }
                    }
                }
            }
            if (!eof && start == 0 && end - start >= Math.min(MAX_LINE, buf.length - 1)) {
                // No line end in sight: not a point. Count it once, drop what is buffered.
                if (!skippingLongLine) {
                    headerPossible = false;
                    lines++;
                    bad++;
                    if (firstBad.size() < badExamples) {
                        firstBad.add(new BadLine(lineNumber + 1, "line longer than " + MAX_LINE + " bytes: '"
                                + PointLineParser.excerpt(buf, 0, 40) + "'"));
                    }
                    skippingLongLine = true;
                }
                end = 0;
            }
            linesRead = lines;
            badRead = bad;
            bytesRead = bytes;
            lastDataNanos = System.nanoTime();
            if (closed) {
                throw new IOException("reading stopped");
            }
        }
        summary = new ReadSummary(source.description(), lines, valid, bad, List.copyOf(firstBad), requests, bytes,
                HexFormat.of().formatHex(sha256.digest()));
        return batch;
    }

    /** A header names its columns: {@code lat,lng,count}, {@code latitude,longitude}... */
    private static boolean namesLatitude(byte[] line, int from, int to) {
        for (int i = from; i + 3 <= to; i++) {
            if ((line[i] | 0x20) == 'l' && (line[i + 1] | 0x20) == 'a' && (line[i + 2] | 0x20) == 't') {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
