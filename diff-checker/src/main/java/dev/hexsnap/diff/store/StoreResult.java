package dev.hexsnap.diff.store;

/**
 * One key store, stored against live.
 *
 * @param storeId        the store
 * @param shownIn        sampled cells showing it
 * @param status         {@code compared}; {@code closed} (the live store is closed: the worker skips
 *                       those, not counted); {@code live-failed} (the upstream did not answer, not counted)
 * @param treeSame       whether the category trees are identical (ids, names, nesting)
 * @param treeOverlap    Jaccard overlap of the two trees' categories
 * @param leaves         leaf categories whose products were compared
 * @param productPages   product pages compared
 * @param productOverlap overlap of the products shown, pooled over those pages
 * @param anomalous      whether the store counts as an anomaly
 * @param reason         why (or why it was not counted); empty when fine
 */
public record StoreResult(String storeId, int shownIn, String status, boolean treeSame, double treeOverlap, int leaves,
                          int productPages, double productOverlap, boolean anomalous, String reason) {

    public static final String COMPARED = "compared";
    public static final String CLOSED = "closed";
    public static final String LIVE_FAILED = "live-failed";

    public boolean counted() {
        return status.equals(COMPARED);
    }
}
