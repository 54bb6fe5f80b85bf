package dev.hexsnap.core.region;

import dev.hexsnap.core.geo.LatLng;

/**
 * A city of the bundled reference data.
 *
 * @param id         SimpleMaps id
 * @param slug       hexsnap's name for it: lowercase ASCII, e.g. {@code xian}; unique in the catalog
 * @param name       English name, e.g. {@code Xi'an}
 * @param province   province or municipality
 * @param centre     city centre
 * @param population population of the whole prefecture
 */
public record City(long id, String slug, String name, String province, LatLng centre, long population) {
}
