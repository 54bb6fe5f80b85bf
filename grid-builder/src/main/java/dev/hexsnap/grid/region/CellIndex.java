package dev.hexsnap.grid.region;

import java.util.Arrays;

/**
 * The cells covering the regions at one resolution, each with a dense slot number (0, 1, 2...)
 * and the region it belongs to. {@link #slotOf(long)} is the lookup done for every point at
 * every resolution, so it is an open-addressing table of primitives: no boxing, no garbage,
 * about 40 bytes per covering cell. Immutable once built; safe to share.
 */
public final class CellIndex {

    private static final long EMPTY = 0L; // never an H3 cell: valid cells have mode bits set

    private final int resolution;
    private final long[] keys;
    private final int[] slots;
    private final int mask;
    private final long[] cells;
    private final int[] regionOfSlot;
    private final String[] regionNames;

    private CellIndex(int resolution, long[] keys, int[] slots, long[] cells, int[] regionOfSlot, String[] regionNames) {
        this.resolution = resolution;
        this.keys = keys;
        this.slots = slots;
        this.mask = keys.length - 1;
        this.cells = cells;
        this.regionOfSlot = regionOfSlot;
        this.regionNames = regionNames;
    }

    public int resolution() {
        return resolution;
    }

    /** Number of covering cells. */
    public int size() {
        return cells.length;
    }

    /** The slot of {@code cell}, or -1 when it covers no region. */
    public int slotOf(long cell) {
        return find(keys, slots, keys.length - 1, cell);
    }

    /** The cell in a slot. */
    public long cell(int slot) {
        return cells[slot];
    }

    /** The name of the region a slot's cell belongs to. */
    public String region(int slot) {
        return regionNames[regionOfSlot[slot]];
    }

    private static int find(long[] keys, int[] slots, int mask, long cell) {
        int i = hash(cell) & mask;
        while (true) {
            long key = keys[i];
            if (key == cell) {
                return slots[i];
            }
            if (key == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    private static int hash(long cell) {
        // H3 indexes differ mostly in their middle bits and end in runs of 1s: mix them all.
        long h = cell * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Collects cells region by region; the first region to claim a cell keeps it. */
    static final class Builder {

        private final int resolution;
        private final String[] regionNames;
        private long[] keys = new long[1024];
        private int[] slots = new int[1024];
        private long[] cells = new long[512];
        private int[] regionOfSlot = new int[512];
        private int size;

        Builder(int resolution, String[] regionNames) {
            this.resolution = resolution;
            this.regionNames = regionNames;
        }

        int size() {
            return size;
        }

        void add(long cell, int region) {
            if (find(keys, slots, keys.length - 1, cell) >= 0) {
                return;
            }
            if (size == cells.length) {
                cells = Arrays.copyOf(cells, size * 2);
                regionOfSlot = Arrays.copyOf(regionOfSlot, size * 2);
            }
            cells[size] = cell;
            regionOfSlot[size] = region;
            if ((size + 1) * 2 > keys.length) {
                rehash(keys.length * 2);
            }
            put(keys, slots, cell, size);
            size++;
        }

        CellIndex build() {
            return new CellIndex(resolution, keys, slots, Arrays.copyOf(cells, size),
                    Arrays.copyOf(regionOfSlot, size), regionNames);
        }

        private void rehash(int capacity) {
            long[] newKeys = new long[capacity];
            int[] newSlots = new int[capacity];
            for (int slot = 0; slot < size; slot++) {
                put(newKeys, newSlots, cells[slot], slot);
            }
            keys = newKeys;
            slots = newSlots;
        }

        private static void put(long[] keys, int[] slots, long cell, int slot) {
            int mask = keys.length - 1;
            int i = hash(cell) & mask;
            while (keys[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            keys[i] = cell;
            slots[i] = slot;
        }
    }
}
