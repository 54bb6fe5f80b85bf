package dev.hexsnap.diff.store;

import java.util.List;

/**
 * Starts whatever re-crawls the requested stores, once the requests are recorded. The
 * requests in MySQL are the contract; launching is an optional nudge (e.g. a worker run that
 * picks them up at once instead of at its next schedule).
 */
@FunctionalInterface
public interface RecrawlLauncher {

    /** Launches nothing. */
    RecrawlLauncher NONE = (runId, stores) -> "";

    /**
     * @return what was done, one line for the report; empty when nothing was launched
     */
    String launch(long diffRunId, List<String> storeIds);
}
