package dev.hexsnap.client;

import dev.hexsnap.core.upstream.contract.UpstreamContract;

import java.util.Map;
import java.util.Objects;

/**
 * When an upstream answer calls for the fallback. Stateless and thread-safe.
 *
 * <ul>
 *   <li>a failed upstream (error status, timeout, exception) always falls back;</li>
 *   <li>an answered page falls back when its {@link PageRule} says so: by default the
 *       {@code hexsnap-v1} contract (the demo upstream's pages: a serviceable home or channel
 *       page showing no store and no product, an open store's empty category tree, a product
 *       page without products, or an answer that is not the page asked for); a page saying
 *       "nobody delivers here" is a real answer, not a failure;</li>
 *   <li>store products: a failed or empty answer is retried once (one slow search shard is
 *       common), then the fallback.</li>
 * </ul>
 */
public final class FallbackPolicy {

    /** Products per page of the default rule: the worker's default {@code hexsnap.upstream.page-size}. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    /** What to do with an upstream answer. */
    public enum Verdict {
        /** The upstream's page is fine: show it. */
        USE_UPSTREAM,
        /** Ask the upstream once more before falling back (store products, first attempt). */
        RETRY_UPSTREAM,
        /** Ask the fallback API. */
        FALL_BACK
    }

    private final PageRule rule;

    private FallbackPolicy(PageRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** Judges by the default contract, {@code hexsnap-v1} (the demo upstream's pages), 20 products per page. */
    public static FallbackPolicy standard() {
        return Standard.POLICY;
    }

    /**
     * Judges by an upstream contract: the same file the worker and the diff use, loaded by the same
     * code ({@code UpstreamContract.load("demo-gateway", System.getenv())}).
     *
     * @param pageSize products per page the service asks its upstream for
     */
    public static FallbackPolicy contract(UpstreamContract contract, int pageSize) {
        return new FallbackPolicy(PageRule.contract(contract, pageSize));
    }

    /** Judges by the service's own rule. */
    public static FallbackPolicy rule(PageRule rule) {
        return new FallbackPolicy(rule);
    }

    /**
     * @param attempt 1 for the first upstream answer, 2 for the retry
     */
    public Verdict judge(PageRequest request, UpstreamAnswer answer, int attempt) {
        boolean usable = answer.answered() && !rule.callsForFallback(request, answer.json());
        if (usable) {
            return Verdict.USE_UPSTREAM;
        }
        return request.kind() == PageKind.STORE_PRODUCTS && attempt == 1 ? Verdict.RETRY_UPSTREAM : Verdict.FALL_BACK;
    }

    @Override
    public String toString() {
        return "FallbackPolicy[" + rule + "]";
    }

    /** Loaded on first use: the default contract is read and compiled once per class loader. */
    private static final class Standard {
        static final FallbackPolicy POLICY = contract(UpstreamContract.load(UpstreamContract.DEFAULT, Map.of()), DEFAULT_PAGE_SIZE);
    }
}
