package dev.hexsnap.diff.cost;

import dev.hexsnap.diff.score.FidelityScores;
import dev.hexsnap.diff.score.Score;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The resolution to run: the cheapest whose share of matching points reaches the target.
 *
 * @param resolution the recommended resolution; null when none reaches the target
 * @param text       one sentence saying so, for people
 */
public record Recommendation(Integer resolution, String text) {

    static String money(String currency, java.math.BigDecimal amount) {
        if (amount.signum() > 0 && amount.compareTo(new java.math.BigDecimal("0.01")) < 0) {
            return "less than " + currency + "0.01";
        }
        return currency + String.format(Locale.ROOT, "%,.2f", amount);
    }

    public static Recommendation choose(FidelityScores scores, List<ResolutionCost> costs, double target, String currency) {
        ResolutionCost best = costs.stream()
                .filter(c -> {
                    Score s = scores.resolution(c.resolution());
                    return s.comparisons() > 0 && s.matchShare() >= target;
                })
                .min(Comparator.comparing(ResolutionCost::monthlyCost).thenComparingInt(ResolutionCost::resolution))
                .orElse(null);
        if (best != null) {
            Score s = scores.resolution(best.resolution());
            return new Recommendation(best.resolution(), String.format(Locale.ROOT,
                    "Recommended: resolution %d: %.1f%% of points match (target %.0f%%) at %s per month, the cheapest that reaches the target.",
                    best.resolution(), 100 * s.matchShare(), 100 * target, money(currency, best.monthlyCost())));
        }
        Score top = null;
        int topResolution = -1;
        for (ResolutionCost c : costs) {
            Score s = scores.resolution(c.resolution());
            if (s.comparisons() > 0 && (top == null || s.matchShare() > top.matchShare())) {
                top = s;
                topResolution = c.resolution();
            }
        }
        if (top == null) {
            return new Recommendation(null, "No recommendation: no resolution could be compared (no live page answered).");
        }
        return new Recommendation(null, String.format(Locale.ROOT,
                "No resolution reaches the target of %.0f%% matching points; the best is resolution %d with %.1f%%.",
                100 * target, topResolution, 100 * top.matchShare()));
    }
}
