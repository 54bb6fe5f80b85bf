package dev.hexsnap.worker;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid the tests write themselves (the grid-builder's tables, its current build): the cells
 * of a few rings around a demo city's centre, hotspots at the cell centres.
 */
public final class TestGrid {

    static final String BUILD = "test-build";

    private TestGrid() {
    }

    /** Applies hexsnap's migrations (what every program does at start). */
    public static void migrate(ThrowawayDatabase db) {
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/hexsnap")
                .table("hexsnap_schema_history")
                .load()
                .migrate();
    }

    /** The first core city: one of the demo upstream's default cities. */
    static City city() {
        return CityCatalog.bundled().core(1).getFirst();
    }

    /**
     * Writes the cells within {@code rings} of the city centre at each resolution, numbered
     * densely from 0, and makes the build current.
     *
     * @return the cells written, per resolution in the order given
     */
    public static List<List<Long>> write(ThrowawayDatabase db, int[] resolutions, int[] rings) throws SQLException {
        HexGrid grid = HexGrid.shared();
        LatLng centre = city().centre();
        List<List<Long>> cellsByResolution = new ArrayList<>();
        for (int i = 0; i < resolutions.length; i++) {
            List<Long> cells = new ArrayList<>();
            grid.rings(grid.cellOf(centre, resolutions[i]), rings[i]).forEach(cells::addAll);
            cellsByResolution.add(cells);
        }
        return write(db, resolutions, cellsByResolution);
    }

    /**
     * Writes the cells of a square of {@code sideKm} around the city centre at one resolution
     * (for grids larger than rings allow: ~100,000 res-8 cells is a square of ~272 km).
     */
    public static List<List<Long>> writeSquare(ThrowawayDatabase db, int resolution, double sideKm) throws SQLException {
        LatLng c = city().centre();
        double dLat = sideKm / 2 / 111.0;
        double dLng = sideKm / 2 / (111.0 * Math.cos(Math.toRadians(c.lat())));
        List<LatLng> outline = List.of(new LatLng(c.lat() - dLat, c.lng() - dLng), new LatLng(c.lat() - dLat, c.lng() + dLng),
                new LatLng(c.lat() + dLat, c.lng() + dLng), new LatLng(c.lat() + dLat, c.lng() - dLng));
        return write(db, new int[]{resolution}, List.of(HexGrid.shared().cellsInPolygon(outline, resolution)));
    }

    private static List<List<Long>> write(ThrowawayDatabase db, int[] resolutions, List<List<Long>> cellsByResolution)
            throws SQLException {
        HexGrid grid = HexGrid.shared();
        List<List<Long>> all = new ArrayList<>();
        try (Connection c = db.connect()) {
            try (PreparedStatement build = c.prepareStatement("""
                    INSERT INTO grid_build (build_id, status, regions, settings, input, input_digest, started_at, finished_at)
                    VALUES (?, 'COMPLETE', ?, '{}', 'test', ?, ?, ?)""")) {
                Timestamp now = Timestamp.from(Instant.now());
                build.setString(1, BUILD);
                build.setString(2, city().slug());
                build.setString(3, "0".repeat(64));
                build.setTimestamp(4, now);
                build.setTimestamp(5, now);
                build.executeUpdate();
            }
            try (PreparedStatement cell = c.prepareStatement("""
                    INSERT INTO grid_cell (build_id, resolution, cell_id, cell_seq, region, center_lat, center_lng,
                      hotspot_lat, hotspot_lng, request_count, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < resolutions.length; i++) {
                    int resolution = resolutions[i];
                    List<Long> cells = cellsByResolution.get(i);
                    int seq = 0;
                    for (long id : cells) {
                        LatLng point = grid.center(id);
                        cell.setString(1, BUILD);
                        cell.setInt(2, resolution);
                        cell.setLong(3, id);
                        cell.setInt(4, seq++);
                        cell.setString(5, city().slug());
                        cell.setDouble(6, point.lat());
                        cell.setDouble(7, point.lng());
                        cell.setDouble(8, point.lat());
                        cell.setDouble(9, point.lng());
                        cell.setLong(10, 1000 - seq);
                        cell.setTimestamp(11, Timestamp.from(Instant.now()));
                        cell.addBatch();
                    }
                    all.add(cells);
                }
                cell.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO grid_current (id, build_id, switched_at) VALUES (1, '" + BUILD + "', NOW(3))");
            }
        }
        return all;
    }
}
