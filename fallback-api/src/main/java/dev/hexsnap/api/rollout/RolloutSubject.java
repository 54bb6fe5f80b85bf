package dev.hexsnap.api.rollout;

/**
 * Who and what a request is about, as far as roll-out rules care; any part may be null.
 *
 * @param userId  the app user the SOA service serves
 * @param city    the city slug
 * @param storeId the store, for store pages
 */
public record RolloutSubject(String userId, String city, String storeId) {
}
