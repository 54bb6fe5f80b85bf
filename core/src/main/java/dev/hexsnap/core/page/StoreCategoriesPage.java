package dev.hexsnap.core.page;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A store's category tree, the first stage of the store-detail page.
 *
 * @param kind        always {@code store-categories}
 * @param storeId     the store
 * @param storeName   its display name
 * @param status      {@code open}, {@code closed-now} or {@code closed} (see {@link StoreCard})
 * @param generatedAt when the upstream computed the page
 * @param categories  top-level categories
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreCategoriesPage(
        String kind,
        String storeId,
        String storeName,
        String status,
        Instant generatedAt,
        List<Category> categories) {

    public StoreCategoriesPage {
        categories = categories == null ? List.of() : categories;
    }

    /** An open store with no category at all: the symptom of a failing upstream. */
    @JsonIgnore
    public boolean isEmpty() {
        return categories.isEmpty();
    }

    /** The leaf categories (those without children), depth first. */
    @JsonIgnore
    public List<Category> leaves() {
        List<Category> leaves = new ArrayList<>();
        for (Category category : categories) {
            category.collectLeaves(leaves);
        }
        return leaves;
    }

    /**
     * A category; leaves hold products.
     *
     * @param categoryId   id, unique within the store
     * @param name         display name
     * @param productCount products in this category and its descendants
     * @param children     sub-categories, empty for a leaf
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Category(String categoryId, String name, int productCount, List<Category> children) {

        public Category {
            children = children == null ? List.of() : children;
        }

        @JsonIgnore
        public boolean isLeaf() {
            return children.isEmpty();
        }

        void collectLeaves(List<Category> into) {
            if (isLeaf()) {
                into.add(this);
                return;
            }
            for (Category child : children) {
                child.collectLeaves(into);
            }
        }
    }
}
