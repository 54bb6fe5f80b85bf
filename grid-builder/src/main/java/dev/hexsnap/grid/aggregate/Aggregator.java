package dev.hexsnap.grid.aggregate;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.grid.points.PointBatch;
import dev.hexsnap.grid.points.PointSource;
import dev.hexsnap.grid.points.PointStream;
import dev.hexsnap.grid.points.ReadSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one pass over the points: for each point, one {@code latLngToCell} per resolution (the
 * only H3 calls per point) and the arithmetic of {@link ResolutionAggregate#add}.
 *
 * <p>The work is split over two threads so that both cores are busy: the reader thread of
 * the {@link PointStream} decompresses, parses, and computes the cells of the first half of
 * the resolutions (resolution 7 of 7 and 8) into each batch; the caller's thread computes the
 * cells of the other half and does all the counting, so every aggregate is still updated by
 * one thread only.
 */
public final class Aggregator {

    /** Told about progress while reading, from the aggregating thread. */
    @FunctionalInterface
    public interface Progress {
        /** @param stream the stream being read (lines, bad lines and bytes so far) */
        void reading(PointStream stream, long validPoints);
    }

    private final HexGrid grid;
    private final Duration stallTimeout;

    /**
     * @param stallTimeout give up when the input delivers nothing for this long (a stuck
     *                     network source); the reader itself would wait forever
     */
    public Aggregator(HexGrid grid, Duration stallTimeout) {
        this.grid = grid;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Reads the source to its end into the aggregates.
     *
     * @param connectTimeout for URLs: how long to wait for the server's answer
     * @param badExamples    how many bad lines to keep with their line numbers
     * @param cancelled polled between batches; true stops the pass with {@link CancellationException}
     * @return what reading found
     * @throws UncheckedIOException when the input cannot be read to its end
     */
    public ReadSummary aggregate(PointSource source, Duration connectTimeout, int badExamples,
                                 List<ResolutionAggregate> aggregates, Progress progress, BooleanSupplier cancelled)
            throws InterruptedException {
        int resolutions = aggregates.size();
        ResolutionAggregate[] byIndex = aggregates.toArray(ResolutionAggregate[]::new);
        int[] resolution = new int[resolutions];
        for (int r = 0; r < resolutions; r++) {
            resolution[r] = byIndex[r].resolution();
        }
        // The reader thread computes the cells of the first half of the resolutions (rounded down).
        int onReader = resolutions / 2;
        int[] readerResolutions = java.util.Arrays.copyOf(resolution, onReader);
        long valid = 0;
        try (PointStream stream = PointStream.start(source, connectTimeout, badExamples,
                batch -> cellsOnReader(batch, readerResolutions))) {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("interrupted");
                }
                PointBatch batch = stream.next(200, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    if (stream.sinceLastData().compareTo(stallTimeout) > 0) {
                        throw new UncheckedIOException(new IOException("no data from the input for "
                                + stallTimeout.toSeconds() + " s: giving up"));
                    }
                    progress.reading(stream, valid);
                    continue;
                }
                int size = batch.size();
                for (int r = 0; r < onReader && size > 0; r++) {
                    long[] cells = batch.cells(r);
                    ResolutionAggregate aggregate = byIndex[r];
                    for (int i = 0; i < size; i++) {
                        aggregate.add(cells[i], batch.lat(i), batch.lng(i), batch.count(i));
                    }
                }
                for (int i = 0; i < size; i++) {
                    double lat = batch.lat(i);
                    double lng = batch.lng(i);
                    long count = batch.count(i);
                    for (int r = onReader; r < resolutions; r++) {
                        byIndex[r].add(grid.cellOf(lat, lng, resolution[r]), lat, lng, count);
                    }
                }
                valid += size;
                if (batch.isLast()) {
                    Throwable failure = batch.failure();
                    if (failure instanceof IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    if (failure instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    progress.reading(stream, valid);
                    return stream.summary();
                }
                stream.recycle(batch);
                progress.reading(stream, valid);
            }
        }
    }

    /** Runs on the reader thread: fills the batch's cell columns for the reader's resolutions. */
    private void cellsOnReader(PointBatch batch, int[] resolutions) {
        batch.ensureCellColumns(resolutions.length);
        int size = batch.size();
        for (int r = 0; r < resolutions.length; r++) {
            long[] cells = batch.cells(r);
            for (int i = 0; i < size; i++) {
                cells[i] = grid.cellOf(batch.lat(i), batch.lng(i), resolutions[r]);
            }
        }
    }
}
