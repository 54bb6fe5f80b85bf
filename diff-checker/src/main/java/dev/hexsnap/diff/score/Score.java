package dev.hexsnap.diff.score;

/**
 * Fidelity of a set of comparisons.
 *
 * @param comparisons    comparisons that count (a point's page, compared with the stored one)
 * @param matches        of those, how many reach the threshold
 * @param matchShare     matches / comparisons (0 when there is none)
 * @param meanSimilarity mean similarity of the comparisons that count (0 when there is none)
 * @param excluded       comparisons left out because the live upstream failed or answered empty
 */
public record Score(long comparisons, long matches, double matchShare, double meanSimilarity, long excluded) {

    public static final Score NONE = new Score(0, 0, 0, 0, 0);
}
