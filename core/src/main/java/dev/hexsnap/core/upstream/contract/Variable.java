package dev.hexsnap.core.upstream.contract;

import dev.hexsnap.core.page.PageKind;

import java.util.EnumSet;
import java.util.Set;

/**
 * The variables a contract's templates may use, each for the page kinds that have it.
 */
public enum Variable {
    LAT("lat", true, EnumSet.of(PageKind.HOME, PageKind.CHANNEL)),
    LNG("lng", true, EnumSet.of(PageKind.HOME, PageKind.CHANNEL)),
    ACCOUNT("account", false, EnumSet.of(PageKind.HOME, PageKind.CHANNEL)),
    CHANNEL("channel", false, EnumSet.of(PageKind.CHANNEL)),
    STORE_ID("storeId", false, EnumSet.of(PageKind.STORE_CATEGORIES, PageKind.STORE_PRODUCTS)),
    CATEGORY_ID("categoryId", false, EnumSet.of(PageKind.STORE_PRODUCTS)),
    PAGE("page", true, EnumSet.of(PageKind.STORE_PRODUCTS)),
    SIZE("size", true, EnumSet.of(PageKind.STORE_PRODUCTS)),
    LIMIT("limit", true, EnumSet.of(PageKind.STORE_PRODUCTS)),
    OFFSET("offset", true, EnumSet.of(PageKind.STORE_PRODUCTS)),
    AT("at", false, EnumSet.allOf(PageKind.class));

    private final String token;
    private final boolean numeric;
    private final Set<PageKind> kinds;

    Variable(String token, boolean numeric, Set<PageKind> kinds) {
        this.token = token;
        this.numeric = numeric;
        this.kinds = kinds;
    }

    /** The name between the braces. */
    public String token() {
        return token;
    }

    /** Whether a JSON body carries it as a number. */
    boolean numeric() {
        return numeric;
    }

    boolean availableIn(PageKind kind) {
        return kinds.contains(kind);
    }

    static Variable byToken(String token) {
        for (Variable variable : values()) {
            if (variable.token.equals(token)) {
                return variable;
            }
        }
        return null;
    }

    /** The variables of a kind, as {@code {lat} {lng} ...}, for messages. */
    static String listFor(PageKind kind, boolean supportsMoment) {
        StringBuilder list = new StringBuilder();
        for (Variable variable : values()) {
            if (variable.availableIn(kind) && (variable != AT || supportsMoment)) {
                list.append(list.isEmpty() ? "" : " ").append('{').append(variable.token).append('}');
            }
        }
        return list.toString();
    }
}
