package dev.hexsnap.diff.store;

import java.util.List;

/**
 * The store diff's outcome.
 *
 * @param stores           every key store, anomalies first
 * @param compared         stores compared (open and answered)
 * @param anomalous        of those, anomalies
 * @param anomalousShare   anomalous / compared
 * @param productThreshold product overlap below which a store is an anomaly
 * @param recrawlShare     share of anomalies above which a re-crawl is requested
 * @param recrawl          what was done about it
 */
public record StoreDiffResult(List<StoreResult> stores, int compared, int anomalous, double anomalousShare,
                              double productThreshold, double recrawlShare, Recrawl recrawl) {

    /**
     * @param triggered  whether the share passed the threshold
     * @param requested  re-crawl requests recorded (stores that had one pending already are not repeated)
     * @param alreadyPending anomalous stores that already had a pending request
     * @param launched   what the configured launch command did, empty when none is configured
     * @param text       one sentence for the report
     */
    public record Recrawl(boolean triggered, int requested, int alreadyPending, String launched, String text) {
    }

    public static StoreDiffResult skipped(String why) {
        return new StoreDiffResult(List.of(), 0, 0, 0, 0, 0, new Recrawl(false, 0, 0, "", why));
    }
}
