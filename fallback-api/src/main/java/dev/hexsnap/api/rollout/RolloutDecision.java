package dev.hexsnap.api.rollout;

/**
 * Whether a request gets the fallback.
 *
 * @param on     served or not
 * @param reason {@code switch-off}, {@code allow-list}, {@code city-not-rolled-out}, {@code store-not-rolled-out},
 *               {@code everyone}, {@code in-percentage}, {@code not-in-percentage}, {@code no-user-id}
 */
public record RolloutDecision(boolean on, String reason) {
}
