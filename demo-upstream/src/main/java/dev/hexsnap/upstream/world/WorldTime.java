package dev.hexsnap.upstream.world;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * How the world tells time: its zone and where night begins and ends.
 *
 * @param zone        the world's time zone
 * @param dayStarts   local time the day slot starts
 * @param nightStarts local time the night slot starts
 */
public record WorldTime(ZoneId zone, LocalTime dayStarts, LocalTime nightStarts) {

    /** Asia/Shanghai, night from 22:00 to 06:00. */
    public static final WorldTime DEFAULT = new WorldTime(ZoneId.of("Asia/Shanghai"), LocalTime.of(6, 0), LocalTime.of(22, 0));

    public Moment at(Instant instant) {
        return Moment.of(instant, zone, dayStarts, nightStarts);
    }
}
