package dev.hexsnap.diff.report;

import dev.hexsnap.core.upstream.RequestCeiling;
import dev.hexsnap.diff.cost.Recommendation;
import dev.hexsnap.diff.cost.ResolutionCost;
import dev.hexsnap.diff.cost.Storage;
import dev.hexsnap.diff.history.PastRun;
import dev.hexsnap.diff.score.FidelityEstimates;
import dev.hexsnap.diff.score.FidelityScores;
import dev.hexsnap.diff.store.StoreDiffResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run found: the JSON report is this record as it is, and the HTML and console
 * reports are drawn from it.
 *
 * @param runId          the run's id in {@code diff_run}
 * @param startedAt      when the run started
 * @param finishedAt     when it finished
 * @param setup          what was compared, and how
 * @param definitions    how the figures are defined, in words (printed in the report)
 * @param sampling       what was sampled
 * @param fidelity       the hexagon diff's figures over the sample (matching points, mean similarity...)
 * @param estimates      the share of matching users (cells weighted by their requests) and of matching
 *                       points, each with its 95% confidence interval and the cells per city for ± the margin
 * @param storage        what the generation occupies
 * @param price          the price used, e.g. {@code ¥15 per 5GB per month}
 * @param currency       how money is printed, e.g. {@code ¥}
 * @param costs          per resolution, cost on this grid and the labelled nationwide extrapolation
 * @param recommendation the resolution to run
 * @param stores         the store diff and the re-crawl decision
 * @param upstream       the requests made and the ceiling they respected
 * @param history        earlier runs of the same slot, newest first
 */
public record DiffReport(
        long runId,
        Instant startedAt,
        Instant finishedAt,
        Setup setup,
        Map<String, String> definitions,
        Sampling sampling,
        FidelityScores fidelity,
        FidelityEstimates estimates,
        Storage storage,
        String price,
        String currency,
        List<ResolutionCost> costs,
        Recommendation recommendation,
        StoreDiffResult stores,
        UpstreamUse upstream,
        List<PastRun> history) {

    /**
     * @param slot         day or night
     * @param generation   the generation compared
     * @param gridBuild    the grid build sampled
     * @param comparedAt   the moment the live pages were computed for
     * @param seed         the sample's seed
     * @param cities       core cities asked for
     * @param cellsPerCity cells per city and resolution asked for
     * @param threshold    similarity at which a point's page matches
     * @param target       share of users seeing a matching page a resolution must reach
     * @param storeWeight  weight of the stores in the similarity
     * @param vertexNudge  how far corners were moved toward the centre
     * @param upstreamUrl  the live upstream asked
     * @param margin       half-width of the interval the cells-per-city planning aims for
     */
    public record Setup(String slot, String generation, String gridBuild, Instant comparedAt, long seed, int cities,
                        int cellsPerCity, double threshold, double target, double storeWeight, double vertexNudge,
                        String upstreamUrl, double margin) {
    }

    /**
     * @param citiesSampled   cities with hot cells
     * @param citiesSkipped   cities asked for without hot cells in the grid
     * @param cells           sampled cells per resolution
     * @param hotCells        hot cells per resolution in the grid
     * @param points          points probed
     * @param comparisons     point × page comparisons made (scored or not)
     * @param unreadableEntries stored entries that did not decode (counted as absent)
     */
    public record Sampling(List<String> citiesSampled, List<String> citiesSkipped, Map<Integer, Integer> cells,
                           Map<Integer, Long> hotCells, long points, long comparisons, long unreadableEntries) {
    }

    /**
     * @param ceiling         the ceiling and what it observed
     * @param ceilingHeld     whether neither ceiling was exceeded
     * @param failedRequests  requests given up on after retries
     * @param retries         retries made
     * @param probeSeconds    time spent probing the hexagons
     * @param storeSeconds    time spent on the store diff
     */
    public record UpstreamUse(RequestCeiling.Observed ceiling, boolean ceilingHeld, long failedRequests, long retries,
                              double probeSeconds, double storeSeconds) {
    }

    /** Seconds from start to finish. */
    public double durationSeconds() {
        return (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }
}
