package dev.hexsnap.upstream.pages;

import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCard;

import java.util.List;

/**
 * Estimates how many bytes a card takes in the page JSON, so pages can be filled to a target
 * size while they are assembled (serialising to measure would double the cost of every page).
 * Exact for the structure, counts UTF-8 bytes of the text; the sizes test holds pages to
 * their target within a few percent.
 */
final class JsonSizes {

    /** Braces, keys, quotes, colons and commas of a product card: {"skuId":"",...,"tags":[]}. */
    private static final int PRODUCT_OVERHEAD = 129;
    /** The same for a store card, its rating (always one decimal, "4.6") included. */
    private static final int STORE_OVERHEAD = 173;

    private JsonSizes() {
    }

    static int product(ProductCard p) {
        // Ids, image URLs and statuses are ASCII: their length is their size.
        return PRODUCT_OVERHEAD + p.skuId().length() + p.storeId().length() + utf8(p.name()) + p.image().length()
                + digits(p.priceCents()) + digits(p.originalPriceCents()) + digits(p.stock()) + p.status().length()
                + digits(p.monthlySales()) + strings(p.tags());
    }

    static int store(StoreCard s) {
        return STORE_OVERHEAD + s.storeId().length() + utf8(s.name()) + s.logo().length() + strings(s.channels())
                + digits(s.monthlySales()) + digits(s.distanceMetres()) + digits(s.deliveryMinutes())
                + digits(s.deliveryFeeCents()) + digits(s.minOrderCents()) + utf8(s.status()) + strings(s.tags());
    }

    /** The items of a string array: quotes and separating commas, not the brackets. */
    static int strings(List<String> values) {
        int total = Math.max(0, values.size() - 1);
        for (String value : values) {
            total += utf8(value) + 2;
        }
        return total;
    }

    static int utf8(String s) {
        int bytes = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes += c >= 0x800 ? 2 : 1;
            }
        }
        return bytes;
    }

    static int digits(long v) {
        int n = v < 0 ? 2 : 1;
        v = Math.abs(v);
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }
}
