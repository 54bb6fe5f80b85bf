package dev.hexsnap.diff.similarity;

/**
 * How a live page and the stored one relate, before any number: most comparisons are
 * {@link #COMPARED}; the others decide the similarity outright or leave the point out.
 */
public enum Verdict {
    /** Both serviceable: similarity is the overlap of what they show. */
    COMPARED(true),
    /** Neither serviceable: both say "no store delivers here", similarity 1. */
    BOTH_NOT_SERVICEABLE(true),
    /** The snapshot shows stores where none delivers any more: similarity 0. */
    ONLY_SNAPSHOT_SERVICEABLE(true),
    /** The snapshot says nobody delivers where stores do: similarity 0. */
    ONLY_LIVE_SERVICEABLE(true),
    /** The cell has no stored page: a fallback would have nothing to serve here, similarity 0. */
    NO_SNAPSHOT(true),
    /** The live page is serviceable but empty (a failing upstream): left out of the scores. */
    LIVE_EMPTY(false),
    /** The live upstream did not answer with a page: left out of the scores. */
    LIVE_FAILED(false);

    private final boolean scored;

    Verdict(boolean scored) {
        this.scored = scored;
    }

    /** Whether the comparison counts in the scores. */
    public boolean scored() {
        return scored;
    }
}
