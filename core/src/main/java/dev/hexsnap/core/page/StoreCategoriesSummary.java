package dev.hexsnap.core.page;

import java.util.ArrayList;
import java.util.List;

/**
 * What a crawler needs of a store's category tree, without the tree: read by
 * {@link PageInspector#categoriesSummary(byte[])} straight from the JSON stream.
 *
 * @param storeId the store
 * @param status  {@code open}, {@code closed-now} or {@code closed}
 * @param empty   no category at all ({@link StoreCategoriesPage#isEmpty()})
 * @param leaves  the leaf categories, depth first ({@link StoreCategoriesPage#leaves()})
 */
public record StoreCategoriesSummary(String storeId, String status, boolean empty, List<Leaf> leaves) {

    public StoreCategoriesSummary {
        leaves = List.copyOf(leaves);
    }

    /**
     * A leaf category.
     *
     * @param categoryId   its id (as answered: may be null or invalid, the caller decides)
     * @param productCount products in it
     */
    public record Leaf(String categoryId, int productCount) {
    }

    /** The summary of a tree read whole: what the streaming read must equal. */
    public static StoreCategoriesSummary of(StoreCategoriesPage page) {
        List<Leaf> leaves = new ArrayList<>();
        for (StoreCategoriesPage.Category leaf : page.leaves()) {
            leaves.add(new Leaf(leaf.categoryId(), leaf.productCount()));
        }
        return new StoreCategoriesSummary(page.storeId(), page.status(), page.isEmpty(), leaves);
    }
}
