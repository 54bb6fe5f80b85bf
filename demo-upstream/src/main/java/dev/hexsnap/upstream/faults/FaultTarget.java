package dev.hexsnap.upstream.faults;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The endpoints faults can be injected into; {@link #ALL} stands for every one of them. */
public enum FaultTarget {
    HOME("home"),
    CHANNEL("channel"),
    STORE_CATEGORIES("store-categories"),
    STORE_PRODUCTS("store-products"),
    ALL("all");

    private final String id;

    FaultTarget(String id) {
        this.id = id;
    }

    /** The name used in the operator API. */
    public String id() {
        return id;
    }

    /** The four real endpoint kinds ({@link #ALL} excluded). */
    public static List<FaultTarget> endpoints() {
        return List.of(HOME, CHANNEL, STORE_CATEGORIES, STORE_PRODUCTS);
    }

    /**
     * The target with this id.
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static FaultTarget fromId(String id) {
        for (FaultTarget target : values()) {
            if (target.id.equals(id)) {
                return target;
            }
        }
        throw new IllegalArgumentException("unknown fault target '" + id + "'; expected one of "
                + Arrays.stream(values()).map(FaultTarget::id).collect(Collectors.joining(", ")));
    }
}
