package dev.hexsnap.api.negotiation;

/**
 * How far the served snapshot is from what was asked, sent as {@value #HEADER}.
 */
public enum FallbackKind {
    /** The page of the asked cell (or store) itself. */
    EXACT("exact"),
    /** The nearest hot cell within the neighbour rings, at the served resolution. */
    NEIGHBOUR("neighbour"),
    /** A cell of a coarser resolution of the generation (bigger cells). */
    COARSER("coarser"),
    /** A cell of a finer resolution of the generation: when serving below the finest stored resolution. */
    FINER("finer");

    public static final String HEADER = "X-Snapshot-Fallback";

    private final String id;

    FallbackKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
