package dev.hexsnap.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When an upstream answer calls for the fallback. Stateless and thread-safe.
 *
 * <ul>
 *   <li>home and channel pages: a failed upstream, or a page that is serviceable but shows no
 *       store and no product (what a failing recommendation/search service returns). A page
 *       saying {@code serviceable: false} is a real answer ("no store delivers here"): no fallback;</li>
 *   <li>store category tree: a failed upstream or an empty tree;</li>
 *   <li>store products: a failed upstream or a page without products is retried once (one slow
 *       search shard is common), then the fallback.</li>
 * </ul>
 * A body that is not the expected JSON counts as a failure.
 */
public final class FallbackPolicy {

    /** What to do with an upstream answer. */
    public enum Verdict {
        /** The upstream's page is fine: show it. */
        USE_UPSTREAM,
        /** Ask the upstream once more before falling back (store products, first attempt). */
        RETRY_UPSTREAM,
        /** Ask the fallback API. */
        FALL_BACK
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param attempt 1 for the first upstream answer, 2 for the retry
     */
    public Verdict judge(PageKind kind, UpstreamAnswer answer, int attempt) {
        boolean usable = answer.answered() && !looksEmpty(kind, answer.json());
        if (usable) {
            return Verdict.USE_UPSTREAM;
        }
        return kind == PageKind.STORE_PRODUCTS && attempt == 1 ? Verdict.RETRY_UPSTREAM : Verdict.FALL_BACK;
    }

    /** Whether a body is the failing-upstream symptom for its kind (unparseable counts as empty). */
    static boolean looksEmpty(PageKind kind, byte[] json) {
        JsonNode page;
        try {
            page = JSON.readTree(json);
        } catch (JacksonException e) {
            return true;
        }
        if (page == null || !page.isObject()) {
            return true;
        }
        return switch (kind) {
            case HOME, CHANNEL -> emptyLocationPage(page);
            case STORE_CATEGORIES -> isEmptyArray(page.get("categories"));
            case STORE_PRODUCTS -> isEmptyArray(page.get("products"));
        };
    }

    private static boolean emptyLocationPage(JsonNode page) {
        JsonNode serviceable = page.get("serviceable");
        if (serviceable != null && serviceable.isBoolean() && !serviceable.booleanValue()) {
            return false;
        }
        JsonNode floors = page.get("floors");
        if (floors == null || !floors.isArray()) {
            return true;
        }
        for (JsonNode floor : floors) {
            if (!isEmptyArray(floor.get("stores")) || !isEmptyArray(floor.get("products"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmptyArray(JsonNode node) {
        return node == null || !node.isArray() || node.isEmpty();
    }
}
