package dev.hexsnap.upstream.world;

import java.util.Locale;

/**
 * When a store takes orders, in local minutes since midnight; {@code closes} past 1440 means
 * after midnight (a shop open until 2 a.m.).
 *
 * @param opens  first minute open, [0, 1440)
 * @param closes first minute closed, (opens, opens + 1440]; opens + 1440 means round the clock
 */
public record OpeningHours(int opens, int closes) {

    public static final OpeningHours ALWAYS = new OpeningHours(0, 1440);

    public OpeningHours {
        if (opens < 0 || opens >= 1440 || closes <= opens || closes > opens + 1440) {
            throw new IllegalArgumentException("bad opening hours " + opens + "-" + closes);
        }
    }

    static OpeningHours of(String from, String to) {
        int opens = minutes(from);
        int closes = minutes(to);
        return new OpeningHours(opens, closes <= opens ? closes + 1440 : closes);
    }

    public boolean isRoundTheClock() {
        return closes - opens == 1440;
    }

    /** Whether the store is open at this local minute of the day. */
    public boolean isOpenAt(int minuteOfDay) {
        if (isRoundTheClock()) {
            return true;
        }
        return (minuteOfDay >= opens && minuteOfDay < closes) || (minuteOfDay + 1440 >= opens && minuteOfDay + 1440 < closes);
    }

    @Override
    public String toString() {
        return isRoundTheClock() ? "00:00-24:00" : format(opens) + "-" + format(closes % 1440);
    }

    private static String format(int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }
}
