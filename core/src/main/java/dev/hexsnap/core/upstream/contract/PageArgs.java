package dev.hexsnap.core.upstream.contract;

import dev.hexsnap.core.geo.LatLng;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The arguments of one page request, which fill the contract's variables.
 *
 * @param point      the location (home and channel pages), else null
 * @param account    the account the page is asked for ({@code hexsnap.upstream.account})
 * @param channel    the channel id (channel pages), else null
 * @param storeId    the store (store pages), else null
 * @param categoryId the leaf category (products pages), else null
 * @param page       1-based page number (products pages), else 0
 * @param size       products per page ({@code hexsnap.upstream.page-size})
 * @param at         the moment asked for
 */
public record PageArgs(LatLng point, String account, String channel, String storeId, String categoryId, int page, int size,
                       Instant at) {

    public static PageArgs home(LatLng point, String account, Instant at) {
        return new PageArgs(point, account, null, null, null, 0, 0, at);
    }

    public static PageArgs channel(String channel, LatLng point, String account, Instant at) {
        return new PageArgs(point, account, channel, null, null, 0, 0, at);
    }

    public static PageArgs categories(String storeId, Instant at) {
        return new PageArgs(null, null, null, storeId, null, 0, 0, at);
    }

    public static PageArgs products(String storeId, String categoryId, int page, int size, Instant at) {
        return new PageArgs(null, null, null, storeId, categoryId, page, size, at);
    }

    /** The variables' values as text. */
    Map<Variable, String> values() {
        Map<Variable, String> values = new EnumMap<>(Variable.class);
        if (point != null) {
            values.put(Variable.LAT, decimal(point.lat()));
            values.put(Variable.LNG, decimal(point.lng()));
        }
        put(values, Variable.ACCOUNT, account);
        put(values, Variable.CHANNEL, channel);
        put(values, Variable.STORE_ID, storeId);
        put(values, Variable.CATEGORY_ID, categoryId);
        if (page > 0) {
            values.put(Variable.PAGE, Integer.toString(page));
            values.put(Variable.SIZE, Integer.toString(size));
            values.put(Variable.LIMIT, Integer.toString(size));
            values.put(Variable.OFFSET, Long.toString((long) (page - 1) * size));
        }
        if (at != null) {
            values.put(Variable.AT, at.toString());
        }
        return values;
    }

    private static void put(Map<Variable, String> values, Variable variable, String value) {
        if (value != null) {
            values.put(variable, value);
        }
    }

    /** Plain decimal notation ({@code 0.0001}, never {@code 1.0E-4}), as short as the double allows. */
    private static String decimal(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
