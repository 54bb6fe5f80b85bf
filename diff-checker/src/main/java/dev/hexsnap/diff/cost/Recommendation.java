package dev.hexsnap.diff.cost;

import dev.hexsnap.diff.score.Estimate;
import dev.hexsnap.diff.score.FidelityEstimates;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The resolution to run: the cheapest whose share of users seeing a matching page (the sampled
 * cells weighted by their requests) reaches the target. The share of matching points is quoted
 * beside it; it does not decide.
 *
 * @param resolution the recommended resolution; null when none reaches the target
 * @param text       one sentence saying so, for people
 */
public record Recommendation(Integer resolution, String text) {

    static String money(String currency, BigDecimal amount) {
        if (amount.signum() > 0 && amount.compareTo(new BigDecimal("0.01")) < 0) {
            return "less than " + currency + "0.01";
        }
        return currency + String.format(Locale.ROOT, "%,.2f", amount);
    }

    public static Recommendation choose(FidelityEstimates estimates, List<ResolutionCost> costs, double target, String currency) {
        ResolutionCost best = costs.stream()
                .filter(c -> estimates.meets(c.resolution(), target))
                .min(Comparator.comparing(ResolutionCost::monthlyCost).thenComparingInt(ResolutionCost::resolution))
                .orElse(null);
        if (best != null) {
            FidelityEstimates.Shares s = estimates.resolution(best.resolution());
            String unsure = s.users().bounded() && s.users().low() < target
                    ? String.format(Locale.ROOT, " The interval reaches below the target: sample more cells (%s per city for ± %.0f points).",
                    s.users().cellsPerCityForMargin(), 100 * estimates.margin())
                    : "";
            return new Recommendation(best.resolution(), String.format(Locale.ROOT,
                    "Recommended: resolution %d: %s of users see a matching page (target %.0f%%; %s of points match) at %s per month, "
                            + "the cheapest that reaches the target.%s",
                    best.resolution(), withInterval(s.users()), 100 * target, percent(s.points()),
                    money(currency, best.monthlyCost()), unsure));
        }
        ResolutionCost top = null;
        for (ResolutionCost c : costs) {
            Estimate users = estimates.resolution(c.resolution()).users();
            if (users.known() && (top == null || users.share() > estimates.resolution(top.resolution()).users().share())) {
                top = c;
            }
        }
        if (top == null) {
            return new Recommendation(null, "No recommendation: no resolution could be compared (no live page answered).");
        }
        FidelityEstimates.Shares s = estimates.resolution(top.resolution());
        return new Recommendation(null, String.format(Locale.ROOT,
                "No resolution reaches the target of %.0f%% of users seeing a matching page; the best is resolution %d with %s "
                        + "(%s of points).",
                100 * target, top.resolution(), withInterval(s.users()), percent(s.points())));
    }

    private static String percent(Estimate e) {
        return e.known() ? String.format(Locale.ROOT, "%.1f%%", 100 * e.share()) : "-";
    }

    private static String withInterval(Estimate e) {
        if (!e.bounded()) {
            return percent(e);
        }
        if (e.cells() >= e.hotCells()) {
            return percent(e) + " (every hot cell compared)";
        }
        return String.format(Locale.ROOT, "%.1f%% (95%% CI %.1f-%.1f%%)", 100 * e.share(), 100 * e.low(), 100 * e.high());
    }
}
