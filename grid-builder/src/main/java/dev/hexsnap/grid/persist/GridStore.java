package dev.hexsnap.grid.persist;

import dev.hexsnap.grid.aggregate.HotCell;
import dev.hexsnap.grid.aggregate.ResolutionResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import org.springframework.jdbc.datasource.DataSourceUtils;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Reads and writes the grid tables of {@code sql/V1__grid.sql}.
 *
 * <p>How a build becomes visible: its rows are written under its own build id, which no
 * reader looks at, and only {@link #complete} switches {@code grid_current} to it, in the
 * same transaction that marks it COMPLETE. A run that fails or is interrupted before that
 * leaves {@code grid_current} as it was. The rows of a build that is current are never
 * deleted; re-running it upserts identical rows.
 *
 * <p>Times are stored as UTC {@code DATETIME(3)} (the connection's time zone is UTC).
 * Thread-safe (stateless over a {@link JdbcTemplate}).
 */
public final class GridStore {

    private static final String UPSERT_CELL = """
            INSERT INTO grid_cell (build_id, resolution, cell_id, cell_seq, region, center_lat, center_lng,
                                   hotspot_lat, hotspot_lng, request_count, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE cell_seq = VALUES(cell_seq), region = VALUES(region),
                center_lat = VALUES(center_lat), center_lng = VALUES(center_lng),
                hotspot_lat = VALUES(hotspot_lat), hotspot_lng = VALUES(hotspot_lng),
                request_count = VALUES(request_count)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public GridStore(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Takes the database's grid-build lock (MySQL/MariaDB {@code GET_LOCK}, named after the
     * schema) on a connection of its own, so that two builds never write one grid at once.
     * The server releases it when the connection ends, even if the process is killed.
     *
     * @throws IllegalStateException when another build holds it
     */
    public BuildLock lock() {
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            String name;
            boolean locked;
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT CONCAT(DATABASE(), '.hexsnap-grid-build')")) {
                rs.next();
                name = rs.getString(1);
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    locked = rs.next() && rs.getInt(1) == 1;
                }
            }
            if (!locked) {
                throw new IllegalStateException("another grid build is writing to this database right now; "
                        + "wait for it ('./hexsnap grid list') and run again");
            }
            return () -> {
                try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    ps.setString(1, name);
                    ps.executeQuery().close();
                } catch (SQLException e) {
                    // the server releases it with the connection anyway
                } finally {
                    DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
                }
            };
        } catch (SQLException | RuntimeException e) {
            DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot take the grid-build lock: " + e.getMessage(), e);
        }
    }

    /** The grid-build lock, held until closed. */
    public interface BuildLock extends AutoCloseable {
        @Override
        void close();
    }

    /** The current build, if any build was ever completed. */
    public Optional<CurrentGrid> current() {
        return jdbc.query("SELECT build_id, previous_build_id, switched_at FROM grid_current WHERE id = 1",
                (rs, n) -> new CurrentGrid(rs.getString(1), rs.getString(2), instant(rs, 3))).stream().findFirst();
    }

    public Optional<BuildRecord> build(String buildId) {
        return jdbc.query("SELECT * FROM grid_build WHERE build_id = ?", BUILD, buildId).stream().findFirst();
    }

    /** The most recent builds, latest first. */
    public List<BuildRecord> recent(int limit) {
        return jdbc.query("SELECT * FROM grid_build ORDER BY started_at DESC, build_id LIMIT ?", BUILD, limit);
    }

    /** The per-resolution figures of a build, by resolution. */
    public List<ResolutionRecord> resolutions(String buildId) {
        return jdbc.query("SELECT * FROM grid_build_resolution WHERE build_id = ? ORDER BY resolution",
                (rs, n) -> new ResolutionRecord(rs.getInt("resolution"), rs.getInt("cells_covering"),
                        rs.getInt("cells_with_requests"), rs.getInt("cells_kept"), rs.getLong("requests_in_regions"),
                        rs.getLong("requests_outside"), rs.getLong("requests_kept"), rs.getInt("hotspots_centroid"),
                        rs.getInt("hotspots_fallback")), buildId);
    }

    /**
     * Records that a build starts writing. When the build is not the current one, whatever an
     * earlier interrupted run of it left behind is removed first.
     */
    public void begin(BuildRecord build, boolean isCurrent) {
        transaction.executeWithoutResult(status -> {
            if (!isCurrent) {
                jdbc.update("DELETE FROM grid_cell WHERE build_id = ?", build.buildId());
                jdbc.update("DELETE FROM grid_build_resolution WHERE build_id = ?", build.buildId());
            }
            jdbc.update("""
                    INSERT INTO grid_build (build_id, status, regions, settings, input, input_digest, points_read,
                                            points_valid, points_bad, requests_total, started_at, finished_at, failure)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)
                    ON DUPLICATE KEY UPDATE status = IF(status = 'COMPLETE' AND ?, status, VALUES(status)),
                        regions = VALUES(regions), settings = VALUES(settings), input = VALUES(input),
                        input_digest = VALUES(input_digest), points_read = VALUES(points_read),
                        points_valid = VALUES(points_valid), points_bad = VALUES(points_bad),
                        requests_total = VALUES(requests_total), started_at = VALUES(started_at),
                        finished_at = IF(status = 'COMPLETE' AND ?, finished_at, NULL), failure = NULL""",
                    build.buildId(), isCurrent ? BuildRecord.COMPLETE : BuildRecord.WRITING, build.regions(),
                    build.settings(), truncate(build.input(), 1000), build.inputDigest(), build.pointsRead(),
                    build.pointsValid(), build.pointsBad(), build.requestsTotal(), time(build.startedAt()),
                    isCurrent, isCurrent);
        });
    }

    /**
     * Upserts the hot cells of a build in batches of {@code batchSize} rows, one transaction
     * per batch.
     *
     * @param written   told the number of rows written so far after each batch
     * @param cancelled polled between batches; true stops with {@link java.util.concurrent.CancellationException}
     */
    public void writeCells(String buildId, List<HotCell> cells, Instant createdAt, int batchSize, IntConsumer written,
                           BooleanSupplier cancelled) {
        LocalDateTime created = time(createdAt);
        for (int from = 0; from < cells.size(); from += batchSize) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("interrupted");
            }
            List<HotCell> chunk = cells.subList(from, Math.min(cells.size(), from + batchSize));
            transaction.executeWithoutResult(status -> jdbc.batchUpdate(UPSERT_CELL, chunk, chunk.size(), (ps, cell) -> {
                ps.setString(1, buildId);
                ps.setInt(2, cell.resolution());
                ps.setLong(3, cell.cell());
                ps.setInt(4, cell.seq());
                ps.setString(5, cell.region());
                ps.setDouble(6, cell.centerLat());
                ps.setDouble(7, cell.centerLng());
                ps.setDouble(8, cell.hotspotLat());
                ps.setDouble(9, cell.hotspotLng());
                ps.setLong(10, cell.requests());
                ps.setObject(11, created);
            }));
            written.accept(from + chunk.size());
        }
    }

    /**
     * Marks a build COMPLETE, records its per-resolution figures and makes it current, in one
     * transaction. Re-completing the current build changes nothing visible.
     *
     * @return the grid as it is now
     */
    public CurrentGrid complete(String buildId, List<ResolutionResult> results, Instant finishedAt) {
        return transaction.execute(status -> {
            for (ResolutionResult r : results) {
                jdbc.update("""
                        INSERT INTO grid_build_resolution (build_id, resolution, cells_covering, cells_with_requests,
                            cells_kept, requests_in_regions, requests_outside, requests_kept, hotspots_centroid,
                            hotspots_fallback)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE cells_covering = VALUES(cells_covering),
                            cells_with_requests = VALUES(cells_with_requests), cells_kept = VALUES(cells_kept),
                            requests_in_regions = VALUES(requests_in_regions), requests_outside = VALUES(requests_outside),
                            requests_kept = VALUES(requests_kept), hotspots_centroid = VALUES(hotspots_centroid),
                            hotspots_fallback = VALUES(hotspots_fallback)""",
                        buildId, r.resolution(), r.cellsCovering(), r.cellsWithRequests(), r.hotCells().size(),
                        r.requestsInRegions(), r.requestsOutside(), r.requestsKept(),
                        r.hotCells().size() - r.hotspotsMoved(), r.hotspotsMoved());
            }
            jdbc.update("UPDATE grid_build SET status = 'COMPLETE', finished_at = ?, failure = NULL WHERE build_id = ?",
                    time(finishedAt), buildId);
            LocalDateTime now = time(finishedAt);
            // Assignments apply left to right: previous_build_id reads build_id before it changes.
            jdbc.update("""
                    INSERT INTO grid_current (id, build_id, previous_build_id, switched_at) VALUES (1, ?, NULL, ?)
                    ON DUPLICATE KEY UPDATE previous_build_id = IF(build_id = ?, previous_build_id, build_id),
                        switched_at = IF(build_id = ?, switched_at, ?), build_id = ?""",
                    buildId, now, buildId, buildId, now, buildId);
            return current().orElseThrow();
        });
    }

    /**
     * Records a failed run. Its rows are removed unless the build is current (then they are
     * the very rows being served, and a re-run only rewrote them identically).
     */
    public void fail(String buildId, String reason, Instant finishedAt) {
        transaction.executeWithoutResult(status -> {
            boolean isCurrent = current().map(c -> c.buildId().equals(buildId)).orElse(false);
            if (!isCurrent) {
                jdbc.update("DELETE FROM grid_cell WHERE build_id = ?", buildId);
                jdbc.update("DELETE FROM grid_build_resolution WHERE build_id = ?", buildId);
            }
            jdbc.update("UPDATE grid_build SET status = IF(?, status, 'FAILED'), finished_at = ?, failure = ? "
                    + "WHERE build_id = ?", isCurrent, time(finishedAt), truncate(reason, 1000), buildId);
        });
    }

    private static final RowMapper<BuildRecord> BUILD = (rs, n) -> new BuildRecord(rs.getString("build_id"),
            rs.getString("status"), rs.getString("regions"), rs.getString("settings"), rs.getString("input"),
            rs.getString("input_digest"), rs.getLong("points_read"), rs.getLong("points_valid"),
            rs.getLong("points_bad"), rs.getLong("requests_total"), instant(rs, "started_at"),
            instant(rs, "finished_at"), rs.getString("failure"));

    private static LocalDateTime time(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
