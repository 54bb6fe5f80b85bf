package dev.hexsnap.diff.store;

import dev.hexsnap.diff.probe.StoredCell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store worth checking, and how often the sampled snapshots show it.
 *
 * @param storeId the store
 * @param shownIn sampled cells whose stored pages show it
 */
public record KeyStore(String storeId, int shownIn) {

    /** The {@code n} stores shown in the most sampled cells (ties by id, for reproducibility). */
    public static List<KeyStore> mostShown(List<StoredCell> cells, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (StoredCell cell : cells) {
            for (String store : cell.storeIds()) {
                counts.merge(store, 1, Integer::sum);
            }
        }
        List<KeyStore> all = new ArrayList<>();
        counts.forEach((id, count) -> all.add(new KeyStore(id, count)));
        all.sort(Comparator.comparingInt(KeyStore::shownIn).reversed().thenComparing(KeyStore::storeId));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }
}
