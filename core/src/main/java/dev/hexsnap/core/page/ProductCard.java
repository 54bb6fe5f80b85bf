package dev.hexsnap.core.page;

import java.util.List;

/**
 * A product as any page shows it.
 *
 * @param skuId              the product's id, unique across stores
 * @param storeId            the store selling it
 * @param name               display name
 * @param image              image URL
 * @param priceCents         price in fen
 * @param originalPriceCents crossed-out price in fen, equal to the price when not discounted
 * @param stock              units in stock
 * @param status             {@code on-sale}, {@code sold-out} or {@code off-shelf}
 * @param monthlySales       units sold in the last 30 days
 * @param tags               promotional tags
 */
public record ProductCard(
        String skuId,
        String storeId,
        String name,
        String image,
        long priceCents,
        long originalPriceCents,
        int stock,
        String status,
        int monthlySales,
        List<String> tags) {
}
