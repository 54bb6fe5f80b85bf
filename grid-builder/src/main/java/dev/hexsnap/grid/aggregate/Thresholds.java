package dev.hexsnap.grid.aggregate;

/**
 * Which cells are hot: the operator's cut of cold, remote cells. A cell is kept when it has
 * at least {@code minCount} requests AND is among the hottest cells that together hold
 * {@code topShare} of the requests in the regions. A cell without requests is never kept:
 * no one asks for its page.
 *
 * @param minCount at least 1
 * @param topShare within (0, 1]; 1 keeps every cell that passes {@code minCount}
 */
public record Thresholds(long minCount, double topShare) {

    public Thresholds {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
        }
        if (!(topShare > 0 && topShare <= 1)) {
            throw new IllegalArgumentException("topShare must be within (0, 1], got " + topShare);
        }
    }

    public static Thresholds keepAll() {
        return new Thresholds(1, 1.0);
    }
}
