package dev.hexsnap.core.page;

import java.time.LocalTime;

/**
 * Day and night content differ (night menus, stores closed at night), so each has its own
 * snapshot generations. Day comes first: it is what most users see.
 */
public enum Slot {
    DAY("day"),
    NIGHT("night");

    private final String id;

    Slot(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The slot a local time of day falls in, with night from {@code nightStarts} (inclusive)
     * to {@code dayStarts} (exclusive), wrapping midnight.
     */
    public static Slot at(LocalTime time, LocalTime dayStarts, LocalTime nightStarts) {
        if (dayStarts.isBefore(nightStarts)) {
            return !time.isBefore(dayStarts) && time.isBefore(nightStarts) ? DAY : NIGHT;
        }
        return !time.isBefore(nightStarts) && time.isBefore(dayStarts) ? NIGHT : DAY;
    }

    public static Slot fromId(String id) {
        for (Slot slot : values()) {
            if (slot.id.equals(id)) {
                return slot;
            }
        }
        throw new IllegalArgumentException("unknown slot '" + id + "'; expected day or night");
    }
}
