package dev.hexsnap.core.upstream.contract;

import java.util.List;

/**
 * What the stages need of one page of a category's products, as the contract extracts it.
 *
 * @param products   the ids of the products on this page, in page order
 * @param totalPages pages in the category (from the contract's pagination)
 */
public record ProductFacts(List<String> products, int totalPages) {

    public ProductFacts {
        products = List.copyOf(products);
    }

    /** A page without products: a failing upstream's answer. */
    public boolean empty() {
        return products.isEmpty();
    }
}
