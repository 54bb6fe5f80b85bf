package dev.hexsnap.upstream.world;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.StoreCategoriesPage.Category;
import dev.hexsnap.upstream.world.Vocabulary.Menu;
import dev.hexsnap.upstream.world.Vocabulary.Top;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A store's category structure, independent of time: every category it may ever show.
 * Which ones it shows, and how many products each holds, depends on the week (rare drift) and
 * the slot (night menus): {@link #tree(Moment)}. Immutable and thread-safe.
 */
public final class StoreCatalog {

    private final Store store;
    private final List<Node> tops;
    private final Map<String, Leaf> leaves;

    private StoreCatalog(Store store, List<Node> tops, Map<String, Leaf> leaves) {
        this.store = store;
        this.tops = tops;
        this.leaves = leaves;
    }

    /** A category leaf: what its products are called and how many it holds before drift. */
    record Leaf(String categoryId, String name, String noun, Channel channel, Menu menu, int baseCount,
                double priceLevel, long seed) {
    }

    /** An inner node or a leaf. */
    private record Node(String categoryId, String name, Menu menu, List<Node> children, Leaf leaf) {
    }

    static StoreCatalog of(Store store) {
        Rng rng = Rng.of(store.seed(), 0xCA7AL);
        List<Node> tops = new ArrayList<>();
        Map<String, Leaf> leaves = new HashMap<>();
        int topIndex = 0;
        for (int c = 0; c < store.channels().size(); c++) {
            Channel channel = store.channels().get(c);
            List<Top> pool = Vocabulary.TOPS.get(channel);
            List<Top> chosen = chooseTops(pool, c == 0 ? store.size() : Store.SizeClass.SMALL, c == 0, rng);
            for (Top top : chosen) {
                topIndex++;
                String topId = "c" + topIndex;
                boolean threeLevels = c == 0 && store.size() == Store.SizeClass.LARGE;
                List<String> subs = chooseSubs(top.subs(), c == 0 ? store.size() : Store.SizeClass.SMALL, rng);
                List<Node> children = new ArrayList<>();
                int subIndex = 0;
                for (String sub : subs) {
                    subIndex++;
                    String subId = topId + "-" + subIndex;
                    if (threeLevels) {
                        List<Node> grand = new ArrayList<>();
                        int leafIndex = 0;
                        for (String modifier : pickSome(Vocabulary.LEAF_MODIFIERS, rng.between(3, 7), rng)) {
                            leafIndex++;
                            Leaf leaf = leaf(subId + "-" + leafIndex, modifier + sub, sub, channel, top.menu(), store.size(), rng);
                            leaves.put(leaf.categoryId(), leaf);
                            grand.add(new Node(leaf.categoryId(), leaf.name(), top.menu(), List.of(), leaf));
                        }
                        children.add(new Node(subId, sub, top.menu(), List.copyOf(grand), null));
                    } else {
                        Leaf leaf = leaf(subId, sub, sub, channel, top.menu(), store.size(), rng);
                        leaves.put(leaf.categoryId(), leaf);
                        children.add(new Node(subId, sub, top.menu(), List.of(), leaf));
                    }
                }
                tops.add(new Node(topId, top.name(), top.menu(), List.copyOf(children), null));
            }
        }
        return new StoreCatalog(store, List.copyOf(tops), Map.copyOf(leaves));
    }

    private static List<Top> chooseTops(List<Top> pool, Store.SizeClass size, boolean primary, Rng rng) {
        if (!primary) {
            return pickSome(pool.stream().filter(t -> t.menu() == Menu.ALWAYS).toList(), rng.between(1, 2), rng);
        }
        List<Top> always = pool.stream().filter(t -> t.menu() == Menu.ALWAYS).toList();
        List<Top> timed = pool.stream().filter(t -> t.menu() != Menu.ALWAYS).toList();
        int count = switch (size) {
            case SMALL -> Math.min(always.size(), rng.between(3, 5));
            case MEDIUM -> Math.min(always.size(), rng.between(5, 8));
            case LARGE -> always.size();
        };
        List<Top> chosen = new ArrayList<>(pickSome(always, count, rng));
        // Day-only and night-only menus: what makes the night page differ from the day page.
        chosen.addAll(timed);
        return chosen;
    }

    private static List<String> chooseSubs(List<String> subs, Store.SizeClass size, Rng rng) {
        int count = switch (size) {
            case SMALL -> rng.between(2, 4);
            case MEDIUM -> rng.between(Math.min(4, subs.size()), subs.size());
            case LARGE -> subs.size();
        };
        return pickSome(subs, Math.min(count, subs.size()), rng);
    }

    /** {@code count} distinct items in their original order. */
    private static <T> List<T> pickSome(List<T> items, int count, Rng rng) {
        if (count >= items.size()) {
            return items;
        }
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(rng.nextInt(items.size()));
        }
        List<T> result = new ArrayList<>(count);
        for (int i = 0; i < items.size(); i++) {
            if (picked.contains(i)) {
                result.add(items.get(i));
            }
        }
        return result;
    }

    private static Leaf leaf(String id, String name, String noun, Channel channel, Menu menu, Store.SizeClass size, Rng rng) {
        int count = switch (size) {
            case SMALL -> rng.between(4, 16);
            case MEDIUM -> rng.between(6, 32);
            case LARGE -> rng.between(8, 60);
        };
        return new Leaf(id, name, noun, channel, menu, count, rng.between(-0.6, 0.6), rng.nextLong());
    }

    public Store store() {
        return store;
    }

    /** Every leaf the store may ever show (whatever the week or slot). */
    public int leafCount() {
        return leaves.size();
    }

    /** The leaf with this id when it is on the menu at this moment. */
    Leaf visibleLeaf(String categoryId, Moment moment) {
        Leaf leaf = leaves.get(categoryId);
        return leaf != null && visible(leaf, moment) ? leaf : null;
    }

    /** The leaves on the menu at this moment, in tree order. */
    List<Leaf> visibleLeaves(Moment moment) {
        // Every page that recommends from this store asks; the answer changes twice a day at most.
        Visible last = lastVisible;
        if (last != null && last.week() == moment.weekBucket() && last.night() == moment.isNight()) {
            return last.leaves();
        }
        List<Leaf> leaves = computeVisibleLeaves(moment);
        lastVisible = new Visible(moment.weekBucket(), moment.isNight(), leaves);
        return leaves;
    }

    private record Visible(long week, boolean night, List<Leaf> leaves) {
    }

    private volatile Visible lastVisible;

    private List<Leaf> computeVisibleLeaves(Moment moment) {
        List<Leaf> result = new ArrayList<>();
        for (Node top : tops) {
            collect(top, moment, result);
        }
        return List.copyOf(result);
    }

    private void collect(Node node, Moment moment, List<Leaf> into) {
        if (node.leaf() != null) {
            if (visible(node.leaf(), moment)) {
                into.add(node.leaf());
            }
            return;
        }
        if (!onMenu(node.menu(), moment)) {
            return;
        }
        for (Node child : node.children()) {
            collect(child, moment, into);
        }
    }

    /** The category tree shown at this moment (night menus, this week's assortment). */
    public List<Category> tree(Moment moment) {
        List<Category> result = new ArrayList<>(tops.size());
        for (Node top : tops) {
            Category category = category(top, moment);
            if (category != null) {
                result.add(category);
            }
        }
        return result;
    }

    private Category category(Node node, Moment moment) {
        if (!onMenu(node.menu(), moment)) {
            return null;
        }
        if (node.leaf() != null) {
            return visible(node.leaf(), moment) ? new Category(node.categoryId(), node.name(), productCount(node.leaf(), moment), List.of()) : null;
        }
        List<Category> children = new ArrayList<>(node.children().size());
        int total = 0;
        for (Node child : node.children()) {
            Category c = category(child, moment);
            if (c != null) {
                children.add(c);
                total += c.productCount();
            }
        }
        return children.isEmpty() ? null : new Category(node.categoryId(), node.name(), total, List.copyOf(children));
    }

    /** Products in a leaf this week: the assortment grows and shrinks a little week to week. */
    int productCount(Leaf leaf, Moment moment) {
        double factor = 0.85 + 0.3 * Rng.unit(Rng.hash(leaf.seed(), moment.weekBucket(), 0xC0L));
        return Math.max(1, (int) Math.round(leaf.baseCount() * factor));
    }

    private boolean visible(Leaf leaf, Moment moment) {
        // About 3% of the leaves are off the menu in any given week: category trees drift, rarely.
        return onMenu(leaf.menu(), moment) && Rng.unit(Rng.hash(leaf.seed(), moment.weekBucket(), 0x41DL)) >= 0.03;
    }

    private static boolean onMenu(Menu menu, Moment moment) {
        return switch (menu) {
            case ALWAYS -> true;
            case DAY_ONLY -> !moment.isNight();
            case NIGHT_ONLY -> moment.isNight();
        };
    }
}
