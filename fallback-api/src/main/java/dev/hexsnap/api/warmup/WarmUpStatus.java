package dev.hexsnap.api.warmup;

/**
 * How warm the hot cache is, for the health endpoint and the start-up line.
 *
 * @param state         {@code waiting} (nothing published or Redis not reached yet), {@code warming},
 *                      {@code warm} (every listed cell's pages are held), {@code full} (the budget is full),
 *                      {@code sized} (warm-up off: figures say what the budget would hold),
 *                      {@code no-request-counts} (the generation was published without them),
 *                      {@code no-cache} (hot-cache-size 0), {@code failed} (retried at the next check)
 * @param generation    the generation warmed; null while waiting
 * @param resolution    the resolution whose cells are warmed (the API's)
 * @param cellsListed   cells in the generation's request counts
 * @param cellsHeld     of them, the hottest ones whose pages are (or would be) all held
 * @param entries       entries read into the cache by this pass
 * @param bytes         bytes of those entries, as stored
 * @param budgetBytes   the hot cache's bound
 * @param requestShare  share of the grid's requests (at this resolution) falling in the cells held, 0 to 1
 * @param millis        how long the pass took (so far)
 * @param detail        why, for {@code failed}; else empty
 */
public record WarmUpStatus(String state, String generation, int resolution, int cellsListed, int cellsHeld, long entries,
                           long bytes, long budgetBytes, double requestShare, long millis, String detail) {

    static WarmUpStatus waiting(int resolution, long budget) {
        return new WarmUpStatus("waiting", null, resolution, 0, 0, 0, 0, budget, 0, 0, "");
    }
}
