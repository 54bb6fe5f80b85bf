package dev.hexsnap.core.page;

/**
 * What a crawler needs of one page of a category's products, without the products: read by
 * {@link PageInspector#productsSummary(byte[])} straight from the JSON stream.
 *
 * @param storeId    the store
 * @param categoryId the category
 * @param page       1-based page number
 * @param totalPages pages in the category
 * @param products   products on this page
 */
public record StoreProductsSummary(String storeId, String categoryId, int page, int totalPages, int products) {

    /** A page without products ({@link StoreProductsPage#isEmpty()}). */
    public boolean empty() {
        return products == 0;
    }

    /** The summary of a page read whole: what the streaming read must equal. */
    public static StoreProductsSummary of(StoreProductsPage page) {
        return new StoreProductsSummary(page.storeId(), page.categoryId(), page.page(), page.totalPages(), page.products().size());
    }
}
