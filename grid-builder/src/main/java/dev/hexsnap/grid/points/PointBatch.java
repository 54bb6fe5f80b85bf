package dev.hexsnap.grid.points;

/**
 * A fixed-size block of valid points handed from the reader thread to the aggregator, and
 * back for reuse: a handful of these are all the memory the points ever take.
 */
public final class PointBatch {

    /** Points per batch: big enough that the hand-over costs nothing per point. */
    static final int CAPACITY = 8192;

    private final double[] lat = new double[CAPACITY];
    private final double[] lng = new double[CAPACITY];
    private final long[] count = new long[CAPACITY];
    private long[][] cells = new long[0][];
    private int size;
    private boolean last;
    private Throwable failure;

    public int size() {
        return size;
    }

    public double lat(int i) {
        return lat[i];
    }

    public double lng(int i) {
        return lng[i];
    }

    /** Requests the line stands for (1 when the line has no count column). */
    public long count(int i) {
        return count[i];
    }

    /**
     * Room for {@code columns} per-point values (H3 cells of several resolutions) that a
     * {@link PointStream} preparer fills on the reader thread; see {@link #cells(int)}.
     */
    public void ensureCellColumns(int columns) {
        if (cells.length < columns) {
            long[][] more = java.util.Arrays.copyOf(cells, columns);
            for (int c = cells.length; c < columns; c++) {
                more[c] = new long[CAPACITY];
            }
            cells = more;
        }
    }

    /** Column {@code column} of per-point cells, indexed like the points. */
    public long[] cells(int column) {
        return cells[column];
    }

    /** Whether this is the end of the input (it may still hold points). */
    public boolean isLast() {
        return last;
    }

    /** Why reading stopped early, on the last batch; null when the input was read to its end. */
    public Throwable failure() {
        return failure;
    }

    boolean add(double latitude, double longitude, long requests) {
        lat[size] = latitude;
        lng[size] = longitude;
        count[size] = requests;
        size++;
        return size == CAPACITY;
    }

    void markLast(Throwable failure) {
        this.last = true;
        this.failure = failure;
    }

    void clear() {
        size = 0;
        last = false;
        failure = null;
    }
}
