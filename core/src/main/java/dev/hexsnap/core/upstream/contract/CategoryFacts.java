package dev.hexsnap.core.upstream.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * What the stages need of a store's category tree, as the contract extracts it.
 *
 * @param status     {@code open}, {@code closed-now}, {@code closed} through the contract's {@code store-status};
 *                   {@code open} when the contract reads no status; null for a value it does not map
 * @param categories every category, depth first (a parent before its children)
 */
public record CategoryFacts(String status, List<Category> categories) {

    public CategoryFacts {
        categories = List.copyOf(categories);
    }

    /**
     * A category.
     *
     * @param id           its id as written (null when the page gives none: the caller decides)
     * @param name         its name, null when the contract reads none
     * @param productCount products in it; -1 when the contract reads no count
     * @param parent       index of its parent in {@link #categories()}, -1 for a top-level one
     * @param leaf         whether it holds products (no children, or the contract's leaf rule)
     */
    public record Category(String id, String name, int productCount, int parent, boolean leaf) {
    }

    /** Whether the store is open (the only stores whose products are crawled). */
    public boolean open() {
        return "open".equals(status);
    }

    /** An open store without any category: a failing upstream's answer. */
    public boolean empty() {
        return open() && categories.isEmpty();
    }

    /** The leaves, depth first. */
    public List<Category> leaves() {
        List<Category> leaves = new ArrayList<>();
        for (Category category : categories) {
            if (category.leaf()) {
                leaves.add(category);
            }
        }
        return leaves;
    }

    /** Every category as {@code /parent-id/id=name}: equal sets mean identical trees. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(categories.size());
        List<String> prefixes = new ArrayList<>(categories.size());
        for (Category category : categories) {
            String prefix = (category.parent() < 0 ? "" : prefixes.get(category.parent())) + "/" + category.id();
            prefixes.add(prefix);
            paths.add(prefix + "=" + category.name());
        }
        return paths;
    }
}
