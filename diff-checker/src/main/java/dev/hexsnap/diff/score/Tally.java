package dev.hexsnap.diff.score;

import dev.hexsnap.diff.similarity.Comparison;

/** Adds comparisons up into a {@link Score}. Not thread-safe. */
final class Tally {

    private long comparisons;
    private long matches;
    private double similarity;
    private long excluded;

    void add(Comparison comparison, double threshold) {
        if (!comparison.scored()) {
            excluded++;
            return;
        }
        comparisons++;
        similarity += comparison.similarity();
        if (comparison.similarity() >= threshold) {
            matches++;
        }
    }

    Score score() {
        return comparisons == 0 ? new Score(0, 0, 0, 0, excluded)
                : new Score(comparisons, matches, (double) matches / comparisons, similarity / comparisons, excluded);
    }
}
