package dev.hexsnap.grid.points;

import java.nio.charset.StandardCharsets;

/**
 * Parses one CSV line {@code lat,lng[,count]} straight from bytes, without a String per
 * field: the reader thread parses millions of lines and must stay ahead of the H3 calls.
 * Decimal numbers of up to 15 significant digits (every coordinate an access log writes)
 * take an exact fast path (an exact long mantissa divided by an exact power of ten is
 * correctly rounded, so the result equals {@link Double#parseDouble}); anything else falls
 * back to {@code Double.parseDouble}. Not thread-safe: one per reader.
 */
final class PointLineParser {

    /** The largest count one line may carry; guards the sums against overflow and typos. */
    static final long MAX_COUNT = 1_000_000_000L;

    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Why a line was rejected; {@link #OK} when it was not. */
    enum Outcome { OK, BLANK, FIELDS, LAT_NOT_NUMBER, LNG_NOT_NUMBER, COUNT_NOT_NUMBER, LAT_RANGE, LNG_RANGE, COUNT_RANGE }

    double lat;
    double lng;
    long count;

    private int fieldStart;
    private int fieldEnd;

    /** Parses {@code line[from, to)} (no line terminator) into {@link #lat}, {@link #lng}, {@link #count}. */
    Outcome parse(byte[] line, int from, int to) {
        while (to > from && isSpace(line[to - 1])) {
            to--;
        }
        while (from < to && isSpace(line[from])) {
            from++;
        }
        if (from == to) {
            return Outcome.BLANK;
        }
        int comma1 = indexOf(line, from, to, (byte) ',');
        if (comma1 < 0) {
            return Outcome.FIELDS;
        }
        int comma2 = indexOf(line, comma1 + 1, to, (byte) ',');
        if (comma2 >= 0 && indexOf(line, comma2 + 1, to, (byte) ',') >= 0) {
            return Outcome.FIELDS;
        }
        lat = number(line, from, comma1);
        if (Double.isNaN(lat)) {
            return Outcome.LAT_NOT_NUMBER;
        }
        int lngEnd = comma2 < 0 ? to : comma2;
        lng = number(line, comma1 + 1, lngEnd);
        if (Double.isNaN(lng)) {
            return Outcome.LNG_NOT_NUMBER;
        }
        if (!(lat >= -90.0 && lat <= 90.0)) {
            return Outcome.LAT_RANGE;
        }
        if (!(lng >= -180.0 && lng <= 180.0)) {
            return Outcome.LNG_RANGE;
        }
        if (comma2 < 0) {
            count = 1;
            return Outcome.OK;
        }
        trim(line, comma2 + 1, to);
        count = 0;
        int i = fieldStart;
        boolean negative = false;
        if (i < fieldEnd && (line[i] == '-' || line[i] == '+')) {
            negative = line[i] == '-';
            i++;
        }
        if (i == fieldEnd) {
            return Outcome.COUNT_NOT_NUMBER;
        }
        for (; i < fieldEnd; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                return Outcome.COUNT_NOT_NUMBER;
            }
            if (count > MAX_COUNT) {
                return Outcome.COUNT_RANGE;
            }
            count = count * 10 + digit;
        }
        if (negative && count != 0 || count > MAX_COUNT) {
            return Outcome.COUNT_RANGE;
        }
        return Outcome.OK;
    }

    /** The line as text for messages, shortened. */
    static String excerpt(byte[] line, int from, int to) {
        int length = Math.min(to - from, 60);
        String text = new String(line, from, length, StandardCharsets.UTF_8).strip();
        return to - from > 60 ? text + "..." : text;
    }

    /** A reason a person reads, for a rejected line. */
    String describe(Outcome outcome, byte[] line, int from, int to) {
        String text = excerpt(line, from, to);
        return switch (outcome) {
            case FIELDS -> "expected lat,lng[,count], got '" + text + "'";
            case LAT_NOT_NUMBER -> "latitude is not a number in '" + text + "'";
            case LNG_NOT_NUMBER -> "longitude is not a number in '" + text + "'";
            case COUNT_NOT_NUMBER -> "count is not a whole number in '" + text + "'";
            case LAT_RANGE -> "latitude " + lat + " is outside [-90, 90]";
            case LNG_RANGE -> "longitude " + lng + " is outside [-180, 180]";
            case COUNT_RANGE -> "count must be within [0, " + MAX_COUNT + "] in '" + text + "'";
            case OK, BLANK -> outcome.name();
        };
    }

    /** A decimal number, or NaN when the field is not one (NaN itself is not a coordinate). */
    private double number(byte[] line, int from, int to) {
        trim(line, from, to);
        int i = fieldStart;
        int end = fieldEnd;
        if (i == end) {
            return Double.NaN;
        }
        boolean negative = false;
        if (line[i] == '-' || line[i] == '+') {
            negative = line[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        int start = i;
        for (; i < end; i++) {
            byte b = line[i];
            if (b >= '0' && b <= '9') {
                if (mantissa != 0 || b != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (b - '0');
                if (fraction >= 0) {
                    fraction++;
                }
                if (digits > 15 || fraction > 22) {
                    return slowNumber(line, fieldStart, end);
                }
            } else if (b == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return slowNumber(line, fieldStart, end);
            }
        }
        if (i == start || (fraction >= 0 && i - start == 1)) {
            return Double.NaN; // "" or "."
        }
        double value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
        return negative ? -value : value;
    }

    /** Exponents and very long mantissas; letters other than e/E are never a number here. */
    private static double slowNumber(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = line[i];
            boolean allowed = b >= '0' && b <= '9' || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            if (!allowed) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(new String(line, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void trim(byte[] line, int from, int to) {
        while (from < to && isSpace(line[from])) {
            from++;
        }
        while (to > from && isSpace(line[to - 1])) {
            to--;
        }
        fieldStart = from;
        fieldEnd = to;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static int indexOf(byte[] line, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (line[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
