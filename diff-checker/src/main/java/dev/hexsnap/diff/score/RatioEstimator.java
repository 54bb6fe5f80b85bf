package dev.hexsnap.diff.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A share estimated from a stratified sample of cells (strata = cities, cells drawn uniformly
 * without replacement within each): the combined ratio estimator
 * {@code R = Σ w_h Σ a_i / Σ w_h Σ b_i} with its Taylor-linearised variance and finite-population
 * correction, a Wilson score interval at the design's effective sample size, and the cells per
 * city that would bring the interval to ± a margin. Pure and deterministic: the same cells give
 * the same figures, with no random draw.
 *
 * <p>Two uses: the share of matching points (a = matches, b = comparisons, every cell weighs 1:
 * the pooled figure the diff has always printed) and the share of matching users (a = requests ×
 * the cell's share of matching comparisons, b = requests, each cell expanded by the hot cells it
 * stands for in its city, {@code w_h = N_h / n_h}).
 *
 * <p>Why a Wilson interval at an effective size rather than R ± 1.96·√V: with ten cells a city
 * often matches everywhere, the linearised variance is then 0 and a normal interval would claim
 * certainty; the Wilson interval at {@code n_eff = R(1−R)/V}, never more than the sample's cells
 * corrected for the part of the population they are ({@code n/(1−f)}), stays honest there, stays
 * within [0, 1], and is the share itself only for a census.
 */
final class RatioEstimator {

    /** The normal quantile of a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    /**
     * One sampled cell's part of a share.
     *
     * @param stratum     its city
     * @param numerator   a: what matches (matches, or requests × share of matching comparisons)
     * @param denominator b: what counts (comparisons, or requests); 0 when the cell has none of it
     */
    record Unit(String stratum, double numerator, double denominator) {
    }

    private final boolean expand;
    private final double margin;

    /**
     * @param expand whether each cell stands for the hot cells of its city ({@code N_h / n_h}); false: every cell weighs 1
     * @param margin the half-width the planning aims for, e.g. 0.02
     */
    RatioEstimator(boolean expand, double margin) {
        this.expand = expand;
        this.margin = margin;
    }

    /**
     * @param units      the sampled cells (those with at least one comparison that counts)
     * @param population hot cells per stratum ({@code N_h}); a stratum missing here or smaller than its sample
     *                   is taken as exactly its sample
     */
    Estimate estimate(List<Unit> units, Map<String, Long> population) {
        Map<String, List<Unit>> byStratum = new LinkedHashMap<>();
        units.forEach(u -> byStratum.computeIfAbsent(u.stratum(), k -> new ArrayList<>()).add(u));
        int strata = byStratum.size();
        int[] n = new int[strata];
        long[] big = new long[strata];
        double[] sumA = new double[strata];
        double[] sumB = new double[strata];
        int h = 0;
        for (var e : byStratum.entrySet()) {
            n[h] = e.getValue().size();
            big[h] = Math.max(n[h], population.getOrDefault(e.getKey(), 0L));
            for (Unit u : e.getValue()) {
                sumA[h] += u.numerator();
                sumB[h] += u.denominator();
            }
            h++;
        }
        double y = 0;
        double x = 0;
        for (h = 0; h < strata; h++) {
            double w = weight(big[h], n[h]);
            y += w * sumA[h];
            x += w * sumB[h];
        }
        int cells = units.size();
        long hotCells = 0;
        for (long b : big) {
            hotCells += b;
        }
        if (!(x > 0)) {
            return new Estimate(null, null, null, cells, hotCells, null);
        }
        double ratio = Math.min(1, Math.max(0, y / x));

        // spread of the linearised values d = a - R b within each stratum
        double[] meanB = new double[strata];
        double[] s2 = new double[strata];
        boolean[] known = new boolean[strata];
        double relSum = 0;
        int relCount = 0;
        h = 0;
        for (List<Unit> list : byStratum.values()) {
            meanB[h] = sumB[h] / n[h];
            if (n[h] >= 2) {
                double meanD = (sumA[h] - ratio * sumB[h]) / n[h];
                double ss = 0;
                for (Unit u : list) {
                    double d = u.numerator() - ratio * u.denominator() - meanD;
                    ss += d * d;
                }
                s2[h] = ss / (n[h] - 1);
                known[h] = true;
                if (meanB[h] > 0) {
                    relSum += s2[h] / (meanB[h] * meanB[h]);
                    relCount++;
                }
            }
            h++;
        }
        // A city sampled at one cell of several shows no spread of its own: it borrows the mean
        // relative spread of the other cities (scaled to its own size); with none, the sample cannot tell.
        boolean estimable = true;
        for (h = 0; h < strata; h++) {
            if (!known[h] && n[h] < big[h]) {
                if (relCount == 0) {
                    estimable = false;
                } else {
                    s2[h] = relSum / relCount * meanB[h] * meanB[h];
                    known[h] = true;
                }
            }
        }
        if (!estimable) {
            return new Estimate(ratio, null, null, cells, hotCells, null);
        }
        Design design = new Design(big, meanB, s2);
        double[] interval = design.interval(ratio, n);
        return new Estimate(ratio, interval[0], interval[1], cells, hotCells, design.cellsPerStratumFor(ratio, margin));
    }

    private double weight(long population, int sampled) {
        return expand ? (double) population / sampled : 1;
    }

    /** What the interval depends on besides the sample sizes, so that other sizes can be tried. */
    private final class Design {
        private final long[] population;
        private final double[] meanB;
        private final double[] s2;

        Design(long[] population, double[] meanB, double[] s2) {
            this.population = population;
            this.meanB = meanB;
            this.s2 = s2;
        }

        /** [low, high] of the 95% interval around {@code ratio} with {@code m[h]} cells sampled per stratum. */
        double[] interval(double ratio, int[] m) {
            double spread = 0;
            double x = 0;
            long sampled = 0;
            long all = 0;
            for (int h = 0; h < m.length; h++) {
                double w = weight(population[h], m[h]);
                double f = (double) m[h] / population[h];
                spread += w * w * m[h] * (1 - f) * s2[h];
                x += w * m[h] * meanB[h];
                sampled += m[h];
                all += population[h];
            }
            if (sampled >= all) {
                return new double[]{ratio, ratio}; // a census: nothing left to estimate
            }
            double variance = spread / (x * x);
            double cap = sampled / (1 - (double) sampled / all);
            double pq = ratio * (1 - ratio);
            double effective = pq > 0 && variance > 0 ? Math.min(pq / variance, cap) : cap;
            return wilson(ratio, effective);
        }

        /** The fewest cells per stratum (all of a smaller one) whose interval is no wider than ± margin. */
        int cellsPerStratumFor(double ratio, double margin) {
            long largest = 0;
            for (long p : population) {
                largest = Math.max(largest, p);
            }
            // the half-width shrinks as cells are added, down to 0 for a census: bisect
            int low = 1;
            int high = (int) Math.min(Integer.MAX_VALUE, largest);
            while (low < high) {
                int mid = low + (high - low) / 2;
                double[] i = interval(ratio, perStratum(mid));
                if ((i[1] - i[0]) / 2 <= margin) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }

        private int[] perStratum(int cells) {
            int[] m = new int[population.length];
            for (int h = 0; h < m.length; h++) {
                m[h] = (int) Math.min(cells, population[h]);
            }
            return m;
        }
    }

    /** Wilson's score interval for a share {@code p} seen over {@code n} independent trials. */
    static double[] wilson(double p, double n) {
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // at p = 0 or 1 one end is exactly p; rounding would leave it a hair inside
        return new double[]{p <= 0 ? 0 : Math.max(0, centre - half), p >= 1 ? 1 : Math.min(1, centre + half)};
    }
}
