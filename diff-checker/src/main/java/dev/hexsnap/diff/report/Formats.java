package dev.hexsnap.diff.report;

import dev.hexsnap.diff.score.Estimate;

import java.math.BigDecimal;
import java.util.Locale;

/** How figures are printed in the console and HTML reports. */
final class Formats {

    private Formats() {
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** An estimated share, {@code -} when there is none. */
    static String share(Estimate e) {
        return e.known() ? percent(e.share()) : "-";
    }

    /**
     * Its 95% interval as {@code 78.1-86.5%}; {@code all cells} when every hot cell was compared (the
     * share is then exact); {@code -} when the sample cannot tell.
     */
    static String interval(Estimate e) {
        if (!e.bounded()) {
            return "-";
        }
        if (e.cells() >= e.hotCells()) {
            return "all cells";
        }
        return String.format(Locale.ROOT, "%.1f-%.1f%%", 100 * e.low(), 100 * e.high());
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Binary units, labelled as such (KiB = 1024 bytes). */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String money(String currency, BigDecimal amount) {
        if (amount.signum() > 0 && amount.compareTo(new BigDecimal("0.01")) < 0) {
            return "<" + currency + "0.01";
        }
        return currency + String.format(Locale.ROOT, "%,.2f", amount);
    }

    static String signed(double delta) {
        return String.format(Locale.ROOT, "%+.1f pt", 100 * delta);
    }
}
