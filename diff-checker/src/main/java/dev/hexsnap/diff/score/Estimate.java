package dev.hexsnap.diff.score;

/**
 * A share estimated from the sampled cells, with how sure the sample is of it.
 *
 * @param share                 the estimate, 0 to 1; null when no sampled cell had a comparison that counts
 * @param low                   lower end of the 95% confidence interval; null when the sample cannot tell
 *                              (a city of many hot cells with one sampled cell)
 * @param high                  upper end of the 95% confidence interval; null likewise
 * @param cells                 sampled cells behind the estimate
 * @param hotCells              hot cells they were drawn from (equal to {@code cells}: every cell was
 *                              compared and the interval is the share itself)
 * @param cellsPerCityForMargin cells per city a sample would need for an interval no wider than
 *                              ± the margin ({@code hexsnap.diff.compare.margin}, 2 points), from the
 *                              spread this sample showed; null when the sample cannot tell
 */
public record Estimate(Double share, Double low, Double high, int cells, long hotCells, Integer cellsPerCityForMargin) {

    public static final Estimate NONE = new Estimate(null, null, null, 0, 0, null);

    /** Whether there is a share at all. */
    public boolean known() {
        return share != null;
    }

    /** Whether the interval is known. */
    public boolean bounded() {
        return low != null && high != null;
    }
}
