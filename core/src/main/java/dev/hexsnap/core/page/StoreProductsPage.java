package dev.hexsnap.core.page;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;

/**
 * One page of the products of a store's category, the second stage of the store-detail page.
 *
 * @param kind          always {@code store-products}
 * @param storeId       the store
 * @param categoryId    the (leaf) category
 * @param page          1-based page number
 * @param pageSize      products per page
 * @param totalProducts products in the category
 * @param totalPages    pages in the category
 * @param generatedAt   when the upstream computed the page
 * @param products      this page's products
 */
public record StoreProductsPage(
        String kind,
        String storeId,
        String categoryId,
        int page,
        int pageSize,
        int totalProducts,
        int totalPages,
        Instant generatedAt,
        List<ProductCard> products) {

    public StoreProductsPage {
        products = products == null ? List.of() : products;
    }

    /** A page within the category's range that shows no product: the symptom of a failing upstream. */
    @JsonIgnore
    public boolean isEmpty() {
        return products.isEmpty();
    }
}
