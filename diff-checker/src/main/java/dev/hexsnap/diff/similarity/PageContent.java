package dev.hexsnap.diff.similarity;

import dev.hexsnap.core.upstream.contract.LocationFacts;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a user sees of a home or channel page, reduced to what the similarity compares: the
 * stores shown (store cards), the products shown (product cards of every floor), and each
 * floor's stores and products (when the contract names floors). Keeping this instead of the page
 * keeps a run's memory small.
 *
 * @param serviceable whether the page says some store delivers here
 * @param empty       serviceable but showing nothing (a failing upstream's answer)
 * @param stores      ids of the stores shown as cards
 * @param products    ids of the products shown
 * @param floors      per floor id, the ids of its stores and products
 */
public record PageContent(boolean serviceable, boolean empty, Set<String> stores, Set<String> products,
                          Map<String, Set<String>> floors) {

    public static PageContent of(LocationFacts page) {
        return new PageContent(page.serviceable(), page.empty(), Set.copyOf(page.cardStoreIds()),
                Set.copyOf(new HashSet<>(page.products())), page.floors());
    }
}
