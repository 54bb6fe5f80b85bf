package dev.hexsnap.diff.similarity;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How alike a live page and its snapshot are, as a user would judge them: do I see the same
 * stores, and the same products?
 *
 * <p><b>Definition.</b> For two serviceable pages, with J(A, B) = |A ∩ B| / |A ∪ B| (Jaccard):
 * <pre>
 *   similarity = w · J(stores shown) + (1 − w) · J(products shown)
 * </pre>
 * where the stores shown are the store cards of every floor, the products shown the product
 * cards of every floor (sku ids), and w the configured store weight (default 0.5). A component
 * whose union is empty (a page without store cards, say) is dropped and the other takes its
 * weight. Order and position are ignored: a user scrolls. Banners and channel entries are not
 * part of it (they follow from the stores), but every floor's own overlap is kept for the
 * report's per-floor table. Serviceability decides outright (see {@link Verdict}): both not
 * serviceable is 1, one of them is 0; a live page that is serviceable but empty is a failing
 * upstream and is left out.
 *
 * <p>Stateless and thread-safe.
 */
public final class Similarity {

    private final double storeWeight;

    public Similarity(double storeWeight) {
        if (!(storeWeight >= 0 && storeWeight <= 1)) {
            throw new IllegalArgumentException("store weight must be within [0, 1], got " + storeWeight);
        }
        this.storeWeight = storeWeight;
    }

    public double storeWeight() {
        return storeWeight;
    }

    /**
     * Compares a stored page (null when the cell has none) with the live one. A missing stored
     * page where the live page is not serviceable either counts as both not serviceable.
     */
    public Comparison compare(PageContent snapshot, PageContent live) {
        if (live.empty()) {
            return Comparison.outright(Verdict.LIVE_EMPTY, 0);
        }
        if (snapshot == null) {
            // Nothing stored and nobody delivers: the user sees no store either way.
            return live.serviceable() ? Comparison.outright(Verdict.NO_SNAPSHOT, 0)
                    : Comparison.outright(Verdict.BOTH_NOT_SERVICEABLE, 1);
        }
        if (!snapshot.serviceable() && !live.serviceable()) {
            return Comparison.outright(Verdict.BOTH_NOT_SERVICEABLE, 1);
        }
        if (!live.serviceable()) {
            return Comparison.outright(Verdict.ONLY_SNAPSHOT_SERVICEABLE, 0);
        }
        if (!snapshot.serviceable()) {
            return Comparison.outright(Verdict.ONLY_LIVE_SERVICEABLE, 0);
        }
        double stores = jaccard(snapshot.stores(), live.stores());
        double products = jaccard(snapshot.products(), live.products());
        double similarity;
        if (Double.isNaN(stores) && Double.isNaN(products)) {
            similarity = 1; // both show nothing at all: identical (a live page like that is LIVE_EMPTY above)
        } else if (Double.isNaN(stores)) {
            similarity = products;
        } else if (Double.isNaN(products)) {
            similarity = stores;
        } else {
            similarity = storeWeight * stores + (1 - storeWeight) * products;
        }
        Map<String, Double> floors = new HashMap<>();
        for (var floor : snapshot.floors().entrySet()) {
            double j = jaccard(floor.getValue(), live.floors().getOrDefault(floor.getKey(), Set.of()));
            if (!Double.isNaN(j)) {
                floors.put(floor.getKey(), j);
            }
        }
        for (var floor : live.floors().entrySet()) {
            if (!snapshot.floors().containsKey(floor.getKey()) && !floor.getValue().isEmpty()) {
                floors.put(floor.getKey(), 0.0);
            }
        }
        return new Comparison(Verdict.COMPARED, similarity, stores, products, Map.copyOf(floors));
    }

    /** |A ∩ B| / |A ∪ B|; NaN when both are empty (nothing to agree or disagree on). */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return Double.NaN;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int both = 0;
        for (String item : small) {
            if (large.contains(item)) {
                both++;
            }
        }
        return (double) both / (a.size() + b.size() - both);
    }
}
