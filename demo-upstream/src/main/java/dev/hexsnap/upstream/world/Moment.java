package dev.hexsnap.upstream.world;

import dev.hexsnap.core.page.Slot;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The moment a page is computed for, with the buckets drift is keyed on: stock and product
 * status change by the hour, prices, promotions and recommendations by the day, category trees
 * by the week. Two pages of the same moment (and place, and account) are byte-identical.
 *
 * @param instant      the instant
 * @param slot         day or night at the world's zone
 * @param minuteOfDay  local minutes since midnight, [0, 1440)
 * @param hourBucket   hours since the epoch
 * @param dayBucket    local days since the epoch
 * @param weekBucket   local weeks (Monday first) since the epoch
 */
public record Moment(Instant instant, Slot slot, int minuteOfDay, long hourBucket, long dayBucket, long weekBucket) {

    /** The moment of {@code instant} in {@code zone}, with night from {@code nightStarts} to {@code dayStarts}. */
    public static Moment of(Instant instant, ZoneId zone, LocalTime dayStarts, LocalTime nightStarts) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        long day = local.toLocalDate().toEpochDay();
        // 1970-01-01 was a Thursday: shift by 3 days so weeks start on Monday.
        long week = Math.floorDiv(day + 3, 7);
        return new Moment(instant.truncatedTo(ChronoUnit.MILLIS), Slot.at(time, dayStarts, nightStarts),
                time.getHour() * 60 + time.getMinute(), Math.floorDiv(instant.getEpochSecond(), 3600), day, week);
    }

    public boolean isNight() {
        return slot == Slot.NIGHT;
    }
}
