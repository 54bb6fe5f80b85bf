package dev.hexsnap.upstream.world;

import dev.hexsnap.core.region.City;

import java.util.List;

/**
 * What a world is generated from: the same spec always yields the same world.
 *
 * @param seed       the seed every value derives from
 * @param cities     the cities, in order (their index is part of store ids)
 * @param storeScale multiplies the number of stores per city (1.0 = about 40 + 14 per million inhabitants)
 */
public record WorldSpec(long seed, List<City> cities, double storeScale) {

    public WorldSpec {
        if (cities == null || cities.isEmpty()) {
            throw new IllegalArgumentException("a world needs at least one city");
        }
        if (cities.size() > 99) {
            throw new IllegalArgumentException("a world holds at most 99 cities, got " + cities.size());
        }
        if (!(storeScale > 0 && storeScale <= 20)) {
            throw new IllegalArgumentException("storeScale must be within (0, 20], got " + storeScale);
        }
        cities = List.copyOf(cities);
    }
}
