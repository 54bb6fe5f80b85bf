package dev.hexsnap.diff.history;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The diff's run history in MySQL ({@code diff_run}, {@code diff_run_resolution},
 * {@code diff_run_city}): a row when a run starts, its figures when it ends.
 */
@Component
public class RunHistory {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    RunHistory(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * What a run is asked to do, recorded when it starts.
     */
    public record Start(Instant startedAt, String slot, long seed, int cities, int cellsPerCity, double threshold,
                        double target) {
    }

    /** Records a starting run; returns its id. */
    public long start(Start start) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement s = connection.prepareStatement("""
                    INSERT INTO diff_run (status, started_at, slot, seed, cities_requested, cells_per_city, threshold, target)
                    VALUES ('RUNNING', ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            s.setTimestamp(1, Timestamp.from(start.startedAt()));
            s.setString(2, start.slot());
            s.setLong(3, start.seed());
            s.setInt(4, start.cities());
            s.setInt(5, start.cellsPerCity());
            s.setDouble(6, start.threshold());
            s.setDouble(7, start.target());
            return s;
        }, key);
        return key.getKey().longValue();
    }

    /**
     * A finished run's figures.
     */
    public record Finish(Instant finishedAt, String generation, String gridBuild, Instant comparedAt, int citiesSampled,
                         int cellsSampled, int pointsProbed, long comparisons, long excluded, double matchShare,
                         double meanSimilarity, Integer recommendedResolution, String recommendation, int storesCompared,
                         int storesAnomalous, boolean recrawlTriggered, long upstreamRequests, int upstreamPeakPerSecond,
                         long durationMs, String reportDir, List<ResolutionRow> resolutions, List<CityRow> cities) {
    }

    /**
     * A share estimated from the sample, as stored; any part null when the sample cannot tell.
     *
     * @param share            the estimate
     * @param low              lower end of its 95% confidence interval
     * @param high             upper end
     * @param cellsForMargin   cells per city that would give an interval of ± the margin
     */
    public record Interval(Double share, Double low, Double high, Integer cellsForMargin) {
    }

    /**
     * @param meetsTarget whether the share of matching users reaches the target
     * @param points      the share of matching points with its interval ({@code matchShare} is its estimate)
     * @param users       the share of matching users with its interval
     */
    public record ResolutionRow(int resolution, int cellsSampled, long comparisons, long matches, double matchShare,
                                double meanSimilarity, Double homeMatchShare, long storedBytes, BigDecimal monthlyCost,
                                boolean meetsTarget, Interval points, Interval users) {
    }

    public record CityRow(int resolution, String region, long comparisons, double matchShare, double meanSimilarity,
                          Interval points, Interval users) {
    }

    public void complete(long runId, Finish f) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("""
                            UPDATE diff_run SET status = 'COMPLETE', finished_at = ?, generation = ?, grid_build_id = ?,
                              compared_at = ?, cities_sampled = ?, cells_sampled = ?, points_probed = ?, comparisons = ?,
                              excluded = ?, match_share = ?, mean_similarity = ?, recommended_resolution = ?,
                              recommendation = ?, stores_compared = ?, stores_anomalous = ?, recrawl_triggered = ?,
                              upstream_requests = ?, upstream_peak_per_second = ?, duration_ms = ?, report_dir = ?
                            WHERE run_id = ?""",
                    Timestamp.from(f.finishedAt()), f.generation(), f.gridBuild(), Timestamp.from(f.comparedAt()),
                    f.citiesSampled(), f.cellsSampled(), f.pointsProbed(), f.comparisons(), f.excluded(),
                    f.matchShare(), f.meanSimilarity(), f.recommendedResolution(), truncate(f.recommendation(), 500),
                    f.storesCompared(), f.storesAnomalous(), f.recrawlTriggered(), f.upstreamRequests(),
                    f.upstreamPeakPerSecond(), f.durationMs(), truncate(f.reportDir(), 1000), runId);
            List<Object[]> rows = new ArrayList<>();
            for (ResolutionRow r : f.resolutions()) {
                rows.add(new Object[]{runId, r.resolution(), r.cellsSampled(), r.comparisons(), r.matches(), r.matchShare(),
                        r.meanSimilarity(), r.homeMatchShare(), r.storedBytes(), r.monthlyCost(), r.meetsTarget(),
                        r.points().low(), r.points().high(), r.points().cellsForMargin(),
                        r.users().share(), r.users().low(), r.users().high(), r.users().cellsForMargin()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO diff_run_resolution (run_id, resolution, cells_sampled, comparisons, matches, match_share,
                      mean_similarity, home_match_share, stored_bytes, monthly_cost, meets_target,
                      match_share_low, match_share_high, match_share_cells_for_margin,
                      user_match_share, user_match_share_low, user_match_share_high, user_cells_for_margin)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
            List<Object[]> cityRows = new ArrayList<>();
            for (CityRow c : f.cities()) {
                cityRows.add(new Object[]{runId, c.resolution(), c.region(), c.comparisons(), c.matchShare(), c.meanSimilarity(),
                        c.points().low(), c.points().high(), c.points().cellsForMargin(),
                        c.users().share(), c.users().low(), c.users().high(), c.users().cellsForMargin()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO diff_run_city (run_id, resolution, region, comparisons, match_share, mean_similarity,
                      match_share_low, match_share_high, match_share_cells_for_margin,
                      user_match_share, user_match_share_low, user_match_share_high, user_cells_for_margin)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", cityRows);
        });
    }

    public void fail(long runId, Instant finishedAt, String reason) {
        jdbc.update("UPDATE diff_run SET status = 'FAILED', finished_at = ?, failure = ? WHERE run_id = ?",
                Timestamp.from(finishedAt), truncate(reason, 1000), runId);
    }

    /**
     * The latest runs, newest first.
     *
     * @param slot    only runs of this slot; null for all
     * @param before  only runs older than this id (the current run's); 0 for all
     * @param limit   at most this many
     */
    public List<PastRun> recent(String slot, long before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        if (slot != null) {
            where.append(" AND slot = ?");
            args.add(slot);
        }
        if (before > 0) {
            where.append(" AND run_id < ?");
            args.add(before);
        }
        args.add(limit);
        Map<Long, PastRun> runs = new LinkedHashMap<>();
        jdbc.query("SELECT run_id, status, started_at, slot, generation, cells_sampled, match_share, recommended_resolution,"
                + " stores_anomalous, stores_compared, recrawl_triggered, failure FROM diff_run " + where
                + " ORDER BY run_id DESC LIMIT ?", rs -> {
            long id = rs.getLong(1);
            runs.put(id, new PastRun(id, rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                    rs.getObject(6, Integer.class), rs.getObject(7, Double.class),
                    rs.getObject(8, Integer.class), rs.getObject(9, Integer.class),
                    rs.getObject(10, Integer.class), rs.getObject(11, Boolean.class),
                    new TreeMap<>(), rs.getString(12)));
        }, args.toArray());
        if (runs.isEmpty()) {
            return List.of();
        }
        String ids = String.join(",", runs.keySet().stream().map(id -> "?").toList());
        jdbc.query("SELECT run_id, resolution, match_share, mean_similarity, stored_bytes, monthly_cost, user_match_share"
                        + " FROM diff_run_resolution WHERE run_id IN (" + ids + ")",
                rs -> {
                    runs.get(rs.getLong(1)).resolutions().put(rs.getInt(2), new PastRun.PastResolution(
                            rs.getDouble(3), rs.getDouble(4), rs.getLong(5), rs.getBigDecimal(6),
                            rs.getObject(7, Double.class)));
                }, runs.keySet().toArray());
        return List.copyOf(runs.values());
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
