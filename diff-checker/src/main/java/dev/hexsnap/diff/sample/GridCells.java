package dev.hexsnap.diff.sample;

import dev.hexsnap.core.geo.LatLng;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The current grid in MySQL ({@code grid_current}, {@code grid_cell}), read-only.
 */
@Component
public class GridCells {

    private final JdbcTemplate jdbc;

    GridCells(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The build every stage reads, if one was ever switched in. */
    public Optional<String> currentBuild() {
        List<String> ids = jdbc.queryForList("SELECT build_id FROM grid_current WHERE id = 1", String.class);
        return ids.stream().findFirst();
    }

    /** The resolutions a build holds cells of, ascending. */
    public List<Integer> resolutions(String buildId) {
        return jdbc.queryForList("SELECT DISTINCT resolution FROM grid_cell WHERE build_id = ? ORDER BY resolution",
                Integer.class, buildId);
    }

    /** Hot cells of one region at one resolution, ordered by cell (a stable order for seeded sampling). */
    public List<HotCell> cells(String buildId, int resolution, String region) {
        return jdbc.query("""
                        SELECT cell_id, region, center_lat, center_lng, hotspot_lat, hotspot_lng, request_count
                        FROM grid_cell WHERE build_id = ? AND resolution = ? AND region = ? ORDER BY cell_id""",
                (rs, row) -> new HotCell(resolution, rs.getLong(1), rs.getString(2),
                        new LatLng(rs.getDouble(3), rs.getDouble(4)), new LatLng(rs.getDouble(5), rs.getDouble(6)),
                        rs.getLong(7)),
                buildId, resolution, region);
    }

    /** Hot cells per resolution in a build (the denominator of bytes per cell). */
    public long count(String buildId, int resolution) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM grid_cell WHERE build_id = ? AND resolution = ?",
                Long.class, buildId, resolution);
        return n == null ? 0 : n;
    }

    /** Whether the grid tables exist at all (a fresh database has none until the grid-builder ran). */
    public boolean present() {
        try {
            jdbc.queryForObject("SELECT COUNT(*) FROM grid_current", Long.class);
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }
}
