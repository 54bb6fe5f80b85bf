package dev.hexsnap.diff.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * An earlier run, as the trend shows it.
 *
 * @param runId                 its id
 * @param status                RUNNING, COMPLETE or FAILED
 * @param startedAt             when it started
 * @param slot                  day or night
 * @param generation            the generation it compared
 * @param cellsSampled          cells compared
 * @param matchShare            share of matching points, all resolutions (null if it did not finish)
 * @param recommendedResolution the resolution it recommended, null for none
 * @param storesAnomalous       anomalous key stores
 * @param storesCompared        key stores compared
 * @param recrawlTriggered      whether it requested a re-crawl
 * @param resolutions           per resolution
 * @param failure               why it failed, else null
 */
public record PastRun(long runId, String status, Instant startedAt, String slot, String generation, Integer cellsSampled,
                      Double matchShare, Integer recommendedResolution, Integer storesAnomalous, Integer storesCompared,
                      Boolean recrawlTriggered, Map<Integer, PastResolution> resolutions, String failure) {

    /**
     * @param matchShare     share of matching points
     * @param meanSimilarity mean similarity
     * @param storedBytes    bytes stored
     * @param monthlyCost    cost per month
     * @param userMatchShare share of matching users (null for runs before it was measured, or when it could not be)
     */
    public record PastResolution(double matchShare, double meanSimilarity, long storedBytes, BigDecimal monthlyCost,
                                 Double userMatchShare) {
    }
}
