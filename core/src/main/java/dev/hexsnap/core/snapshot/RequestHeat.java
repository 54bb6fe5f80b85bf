package dev.hexsnap.core.snapshot;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The grid's request counts for the cells of a generation at one resolution, hottest first: what
 * a fallback API warms its hot cache from after a publish, and what tells how large a share of
 * the requests a cache budget covers. The snapshot-worker writes it when it publishes
 * ({@link SnapshotStore#writeHeat}), from {@code grid_cell.request_count}, so the API needs no
 * database.
 *
 * <pre>
 *   offset  size
 *    0       4   "HXH1"      magic and format version
 *    4       4   cells       how many records follow
 *    8       8   requests    the total of every record's count
 *   16      16n  records     per cell, hottest first: H3 index (8), request count (8)
 * </pre>
 * All numbers big-endian. Fixed-size records let a reader take the list in slices
 * ({@link SnapshotStore#heat}): a nation at resolution 8 is about a million cells, 16 MB, which
 * is never one reply on the serving connection. Thread-safe (stateless).
 */
public final class RequestHeat {

    static final int HEADER_BYTES = 16;
    static final int RECORD_BYTES = 16;
    private static final byte[] MAGIC = {'H', 'X', 'H', '1'};

    private RequestHeat() {
    }

    /**
     * One cell and its requests.
     *
     * @param cell     H3 index
     * @param requests requests counted in the cell by the grid build
     */
    public record Cell(long cell, long requests) {
        public Cell {
            if (requests < 0) {
                throw new IllegalArgumentException("a request count cannot be negative: " + requests);
            }
        }
    }

    /**
     * What the list holds.
     *
     * @param cells         cells listed
     * @param totalRequests the sum of their request counts
     */
    public record Summary(int cells, long totalRequests) {
    }

    /** The stored form of {@code cells}, sorted hottest first (ties keep their order). */
    public static byte[] encode(List<Cell> cells) {
        List<Cell> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.comparingLong(Cell::requests).reversed());
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + RECORD_BYTES * sorted.size());
        long total = 0;
        for (Cell cell : sorted) {
            total += cell.requests();
        }
        out.put(MAGIC).putInt(sorted.size()).putLong(total);
        for (Cell cell : sorted) {
            out.putLong(cell.cell()).putLong(cell.requests());
        }
        return out.array();
    }

    /**
     * Reads the header.
     *
     * @throws CorruptEntryException when the bytes are not a heat list of this format
     */
    public static Summary summary(byte[] header) {
        if (header == null || header.length < HEADER_BYTES) {
            throw new CorruptEntryException("heat list header too short: " + (header == null ? 0 : header.length) + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[i] != MAGIC[i]) {
                throw new CorruptEntryException("not a heat list of this format (bad magic)");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(header);
        int cells = in.getInt(4);
        long total = in.getLong(8);
        if (cells < 0 || total < 0) {
            throw new CorruptEntryException("invalid heat list header: " + cells + " cells, " + total + " requests");
        }
        return new Summary(cells, total);
    }

    /** The records in a slice of the list (whole records only). */
    static List<Cell> records(byte[] slice) {
        ByteBuffer in = ByteBuffer.wrap(slice);
        List<Cell> cells = new ArrayList<>(slice.length / RECORD_BYTES);
        while (in.remaining() >= RECORD_BYTES) {
            cells.add(new Cell(in.getLong(), in.getLong()));
        }
        return cells;
    }
}
