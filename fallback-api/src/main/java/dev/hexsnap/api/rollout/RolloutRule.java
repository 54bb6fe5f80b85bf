package dev.hexsnap.api.rollout;

import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.snapshot.SnapshotKey;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The roll-out of the fallback for one page kind.
 *
 * <p>A request is served when, in this order: the switch is on; then the user is on the
 * allow-list (testers: nothing else is checked); otherwise its city is listed (when the list
 * is not empty), its store is listed (store pages, when the list is not empty), and its user
 * falls in the percentage (stable hashing of the user id; below 100% a request without a user
 * id is not served).
 *
 * @param enabled the switch: off means nobody gets the fallback for this kind
 * @param percent share of users served, 0 to 100 (two decimals count: 0.01% steps)
 * @param users   user ids always served (allow-list)
 * @param cities  city slugs (e.g. {@code shanghai}) served; empty means every city
 * @param stores  store ids served (store pages only); empty means every store
 */
public record RolloutRule(boolean enabled, double percent, Set<String> users, Set<String> cities, Set<String> stores) {

    /** What a page kind gets when nobody configured it: on for everyone. */
    public static final RolloutRule DEFAULT = new RolloutRule(true, 100, Set.of(), Set.of(), Set.of());

    /** User ids: letters, digits and {@code _ . : @ -}, up to 128. */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");
    /** City slugs as the bundled city catalog spells them. */
    public static final Pattern CITY = Pattern.compile("[a-z0-9-]{1,40}");

    static final int MAX_LIST = 10_000;

    public RolloutRule {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be within [0, 100], got " + percent);
        }
        users = checked("users", users, USER_ID);
        cities = checked("cities", cities, CITY);
        stores = checked("stores", stores, SnapshotKey.ID);
    }

    private static Set<String> checked(String name, Set<String> values, Pattern pattern) {
        if (values == null) {
            return Set.of();
        }
        if (values.size() > MAX_LIST) {
            throw new IllegalArgumentException(name + " holds more than " + MAX_LIST + " entries");
        }
        for (String value : values) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException(name + ": '" + value + "' does not match " + pattern.pattern());
            }
        }
        // Sorted, so that the JSON an operator reads back is stable.
        return Set.copyOf(new TreeSet<>(values));
    }

    /** Whether a request for {@code kind} about {@code subject} gets the fallback under this rule. */
    public RolloutDecision decide(PageKind kind, RolloutSubject subject) {
        if (!enabled) {
            return new RolloutDecision(false, "switch-off");
        }
        if (subject.userId() != null && users.contains(subject.userId())) {
            return new RolloutDecision(true, "allow-list");
        }
        if (!cities.isEmpty() && (subject.city() == null || !cities.contains(subject.city()))) {
            return new RolloutDecision(false, "city-not-rolled-out");
        }
        if (!kind.isLocationPage() && !stores.isEmpty()
                && (subject.storeId() == null || !stores.contains(subject.storeId()))) {
            return new RolloutDecision(false, "store-not-rolled-out");
        }
        if (percent >= 100) {
            return new RolloutDecision(true, "everyone");
        }
        if (subject.userId() == null) {
            return new RolloutDecision(false, "no-user-id");
        }
        return Rollout.bucket(subject.userId()) < Math.round(percent * (Rollout.BUCKETS / 100))
                ? new RolloutDecision(true, "in-percentage")
                : new RolloutDecision(false, "not-in-percentage");
    }

    public RolloutRule withEnabled(boolean on) {
        return new RolloutRule(on, percent, users, cities, stores);
    }
}
