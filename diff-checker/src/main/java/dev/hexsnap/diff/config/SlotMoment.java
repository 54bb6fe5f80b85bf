package dev.hexsnap.diff.config;

import dev.hexsnap.core.page.Slot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The moment the live pages are computed for: it must lie in the slot the snapshot was taken
 * for (night content differs from day content), so comparing at an arbitrary time would
 * measure the slot, not the snapshot.
 */
public final class SlotMoment {

    private SlotMoment() {
    }

    /**
     * {@code now} when it lies in {@code slot}; otherwise the middle of the slot's latest
     * occurrence before now.
     */
    public static Instant resolve(Instant now, Slot slot, ZoneId zone, LocalTime dayStarts, LocalTime nightStarts) {
        ZonedDateTime local = now.atZone(zone);
        if (Slot.at(local.toLocalTime(), dayStarts, nightStarts) == slot) {
            return now;
        }
        LocalTime start = slot == Slot.DAY ? dayStarts : nightStarts;
        LocalTime end = slot == Slot.DAY ? nightStarts : dayStarts;
        Duration length = Duration.between(start, end);
        if (length.isNegative() || length.isZero()) {
            length = length.plusDays(1);
        }
        for (int daysBack = 0; daysBack <= 2; daysBack++) {
            LocalDate day = local.toLocalDate().minusDays(daysBack);
            ZonedDateTime from = ZonedDateTime.of(day, start, zone);
            ZonedDateTime to = from.plus(length);
            if (!to.toInstant().isAfter(now)) {
                return from.plus(length.dividedBy(2)).toInstant();
            }
        }
        throw new IllegalStateException("no occurrence of the " + slot.id() + " slot in the last two days");
    }
}
