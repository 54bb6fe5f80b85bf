package dev.hexsnap.diff.similarity;

import java.util.Map;

/**
 * The outcome of comparing one live page with the stored one.
 *
 * @param verdict          how they relate
 * @param similarity       0 to 1 (0 when not scored)
 * @param storesJaccard    overlap of the stores shown; NaN when neither shows a store or not compared
 * @param productsJaccard  overlap of the products shown; NaN when neither shows a product or not compared
 * @param floors           per floor id, the overlap of its items (floors with items on either side)
 */
public record Comparison(Verdict verdict, double similarity, double storesJaccard, double productsJaccard,
                         Map<String, Double> floors) {

    public static Comparison outright(Verdict verdict, double similarity) {
        return new Comparison(verdict, similarity, Double.NaN, Double.NaN, Map.of());
    }

    public boolean scored() {
        return verdict.scored();
    }
}
