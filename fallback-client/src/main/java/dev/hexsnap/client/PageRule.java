package dev.hexsnap.client;

import dev.hexsnap.core.upstream.contract.UpstreamContract;

/**
 * Decides from the bytes a service's upstream answered whether the page is the symptom of a
 * failing upstream and so calls for the fallback. Implementations must be thread-safe.
 *
 * <p>Two come with the client: {@link #contract} judges by an upstream contract, the very file
 * and code the worker uses to decide what it stores (the default is {@code hexsnap-v1}, the demo
 * upstream's own pages); or a service passes its own predicate.
 */
@FunctionalInterface
public interface PageRule {

    /**
     * @param request the page the service asked its upstream for (kind, location, store, ...)
     * @param json    the bytes the upstream answered with a success status
     * @return true when the page must not be shown: empty, not the page asked for, or unreadable
     */
    boolean callsForFallback(PageRequest request, byte[] json);

    /**
     * Judges by an upstream contract (loaded with {@code UpstreamContract.load}): a page falls back
     * exactly when the worker would not store it: an envelope failure, an answer that is not JSON or
     * not the page asked for (the contract's echo checks), a serviceable location page showing no
     * store and no product, an open store without categories, a product page without products. A
     * page saying "nobody delivers here" is a real answer and is shown.
     *
     * @param pageSize products per page the service asks its upstream for (the worker's
     *                 {@code hexsnap.upstream.page-size}): the contract's {@code {size}}, {@code {offset}}
     */
    static PageRule contract(UpstreamContract contract, int pageSize) {
        return new ContractPageRule(contract, pageSize);
    }
}
