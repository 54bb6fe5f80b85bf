package dev.hexsnap.upstream.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the stores whose delivery area covers a point: a fixed grid of 0.05° buckets (about
 * 5 km), each listing the stores whose area's bounding box touches it; a query scans one
 * bucket's few dozen candidates with the exact polygon test. Immutable after construction.
 */
final class StoreIndex {

    private static final double BUCKET_DEGREES = 0.05;

    private final List<Store> stores;
    private final Map<Long, int[]> buckets;

    StoreIndex(List<Store> stores) {
        this.stores = stores;
        Map<Long, List<Integer>> building = new HashMap<>();
        for (int i = 0; i < stores.size(); i++) {
            DeliveryArea area = stores.get(i).area();
            for (long y = bucket(area.minLat()); y <= bucket(area.maxLat()); y++) {
                for (long x = bucket(area.minLng()); x <= bucket(area.maxLng()); x++) {
                    building.computeIfAbsent(key(y, x), k -> new ArrayList<>()).add(i);
                }
            }
        }
        Map<Long, int[]> frozen = new HashMap<>(building.size() * 2);
        building.forEach((k, v) -> frozen.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.buckets = frozen;
    }

    /** The stores covering the point, in world order (by id). */
    List<Store> covering(double lat, double lng) {
        int[] candidates = buckets.get(key(bucket(lat), bucket(lng)));
        if (candidates == null) {
            return List.of();
        }
        List<Store> result = new ArrayList<>();
        for (int i : candidates) {
            Store store = stores.get(i);
            if (store.area().contains(lat, lng)) {
                result.add(store);
            }
        }
        return result;
    }

    private static long bucket(double degrees) {
        return (long) Math.floor(degrees / BUCKET_DEGREES);
    }

    private static long key(long y, long x) {
        return (y << 32) | (x & 0xffffffffL);
    }
}
