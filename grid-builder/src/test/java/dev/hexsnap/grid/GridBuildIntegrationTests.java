package dev.hexsnap.grid;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.region.Region;
import dev.hexsnap.grid.points.PointSource;
import dev.hexsnap.grid.region.Area;
import dev.hexsnap.grid.region.RegionInput;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main command, {@code hexsnap grid build --sample}, against the real MariaDB: what it
 * writes is checked against an independent recount of the sample input.
 */
class GridBuildIntegrationTests {

    private static final HexGrid GRID = HexGrid.shared();
    private static ThrowawayDatabase database;
    private static GridCli cli;
    private static GridCli.Run first;

    @BeforeAll
    static void buildTheSample() {
        database = ThrowawayDatabase.create("grid_build");
        cli = new GridCli(database);
        first = cli.run("build", "--sample");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void theSampleBuildSucceedsAndPrintsItsSummary() {
        assertThat(first.status()).as(first.toString()).isZero();
        assertThat(first.out()).contains("is now current (the first grid)", "hot cells kept", "requests covered",
                "hotspots verified", "points/s", "Build id:");
        assertThat(first.out()).containsPattern("(?m)^\\s+7\\s+[\\d,]+\\s+[\\d,]+\\s+[\\d,]+");
        assertThat(first.out()).containsPattern("(?m)^\\s+8\\s+[\\d,]+\\s+[\\d,]+\\s+[\\d,]+");
    }

    @Test
    void everyHotspotLiesInsideItsCellAndEveryCentreIsItsCentre() throws Exception {
        List<Map<String, Object>> rows = rows("SELECT * FROM grid_cell WHERE build_id = (SELECT build_id FROM grid_current)");

        assertThat(rows).hasSizeGreaterThan(1000);
        for (Map<String, Object> row : rows) {
            long cell = (Long) row.get("cell_id");
            int resolution = ((Number) row.get("resolution")).intValue();
            assertThat(GRID.cellOf((Double) row.get("hotspot_lat"), (Double) row.get("hotspot_lng"), resolution))
                    .as("hotspot of %s", GRID.toAddress(cell)).isEqualTo(cell);
            assertThat(GRID.resolutionOf(cell)).isEqualTo(resolution);
            assertThat(GRID.center(cell).lat()).isEqualTo((Double) row.get("center_lat"));
        }
    }

    @Test
    void perResolutionTheCountsAddUpToTheValidInputInTheRegions() throws Exception {
        // given: an independent recount of the sample: plain parsing, H3 polygon fill of the regions
        List<Area> areas = new RegionInput(CityCatalog.bundled(), System.err).sample().areas();
        Map<Integer, Long> expected = new HashMap<>();
        Map<Integer, Set<Long>> expectedCells = new HashMap<>();
        long total = 0;
        for (int resolution : List.of(7, 8)) {
            Set<Long> covering = new HashSet<>();
            for (Area area : areas) {
                for (Region.Shape shape : area.shapes()) {
                    covering.addAll(GRID.cellsInPolygon(shape.outline(), resolution));
                }
            }
            long inRegions = 0;
            Set<Long> hit = new HashSet<>();
            for (double[] point : samplePoints()) {
                long cell = GRID.cellOf(point[0], point[1], resolution);
                if (covering.contains(cell)) {
                    inRegions += (long) point[2];
                    hit.add(cell);
                }
            }
            expected.put(resolution, inRegions);
            expectedCells.put(resolution, hit);
        }
        for (double[] point : samplePoints()) {
            total += (long) point[2];
        }

        // then: the grid holds exactly those requests in exactly those cells
        for (int resolution : List.of(7, 8)) {
            List<Map<String, Object>> sums = rows("SELECT SUM(request_count) AS requests, COUNT(*) AS cells, "
                    + "MIN(cell_seq) AS lo, MAX(cell_seq) AS hi FROM grid_cell "
                    + "WHERE build_id = (SELECT build_id FROM grid_current) AND resolution = " + resolution);
            assertThat(((Number) sums.getFirst().get("requests")).longValue()).as("res %d", resolution)
                    .isEqualTo(expected.get(resolution));
            assertThat(((Number) sums.getFirst().get("cells")).intValue()).isEqualTo(expectedCells.get(resolution).size());
            assertThat(((Number) sums.getFirst().get("lo")).intValue()).isZero();
            assertThat(((Number) sums.getFirst().get("hi")).intValue()).isEqualTo(expectedCells.get(resolution).size() - 1);
            Map<String, Object> figures = rows("SELECT * FROM grid_build_resolution WHERE resolution = " + resolution
                    + " AND build_id = (SELECT build_id FROM grid_current)").getFirst();
            assertThat(((Number) figures.get("requests_in_regions")).longValue()).isEqualTo(expected.get(resolution));
            assertThat(((Number) figures.get("requests_outside")).longValue()).isEqualTo(total - expected.get(resolution));
        }
        assertThat(((Number) rows("SELECT requests_total FROM grid_build").getFirst().get("requests_total")).longValue())
                .isEqualTo(total);
    }

    @Test
    void theCellIdsWrittenAreTheOnesAnIndependentH3ImplementationComputes() throws Exception {
        // given: the points of the h3-js fixture (h3-js 4.5.0's latLngToCell answers) as request input,
        // in a throw-away database of its own, around the first 39 core cities
        Map<String, Map<Integer, String>> h3js = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("aggregate/h3js-cells.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.startsWith("lat") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                h3js.computeIfAbsent(f[0] + "," + f[1], k -> new HashMap<>()).put(Integer.parseInt(f[2]), f[3].strip());
            }
        }
        Path points = Files.createTempFile("h3js-points", ".csv");
        Files.writeString(points, String.join("\n", h3js.keySet()) + "\n");
        try (ThrowawayDatabase db = ThrowawayDatabase.create("grid_h3js")) {
            GridCli.Run run = new GridCli(db).run("build", "--points", points.toString(), "--cities",
                    String.join(",", CityCatalog.bundled().core(39).stream().map(City::slug).toList()), "--radius-km", "40");
            assertThat(run.status()).as(run.toString()).isZero();

            // then: every cell the build wrote is h3-js's cell of some fixture point, at its resolution
            for (int resolution : List.of(7, 8)) {
                Set<String> expected = new HashSet<>();
                h3js.values().forEach(byRes -> expected.add(byRes.get(resolution)));
                List<Map<String, Object>> cells = rows(db, "SELECT cell_id FROM grid_cell WHERE resolution = " + resolution
                        + " AND build_id = (SELECT build_id FROM grid_current)");
                assertThat(cells).as("res %d cells written", resolution).hasSizeGreaterThan(50);
                for (Map<String, Object> row : cells) {
                    assertThat(expected).as("res %d", resolution).contains(GRID.toAddress((Long) row.get("cell_id")));
                }
            }
        }
    }

    @Test
    void cellsAreNumberedHottestFirst() throws Exception {
        List<Map<String, Object>> rows = rows("SELECT request_count FROM grid_cell WHERE resolution = 8 "
                + "AND build_id = (SELECT build_id FROM grid_current) ORDER BY cell_seq");

        for (int i = 1; i < rows.size(); i++) {
            assertThat((Long) rows.get(i).get("request_count")).isLessThanOrEqualTo((Long) rows.get(i - 1).get("request_count"));
        }
    }

    @Test
    void reRunningTheSameInputIsIdempotent() throws Exception {
        // given
        String cellsQuery = "SELECT * FROM grid_cell ORDER BY build_id, resolution, cell_id";
        List<Map<String, Object>> before = rows(cellsQuery);
        List<Map<String, Object>> currentBefore = rows("SELECT * FROM grid_current");
        List<Map<String, Object>> figuresBefore = rows("SELECT * FROM grid_build_resolution ORDER BY resolution");

        // when
        GridCli.Run again = cli.run("build", "--sample");

        // then: same build id, same rows (created_at included), same pointer
        assertThat(again.status()).as(again.toString()).isZero();
        assertThat(again.out()).contains("was already current (same input, same settings)");
        assertThat(rows(cellsQuery)).isEqualTo(before);
        assertThat(rows("SELECT * FROM grid_current")).isEqualTo(currentBefore);
        assertThat(rows("SELECT * FROM grid_build_resolution ORDER BY resolution")).isEqualTo(figuresBefore);
        assertThat(rows("SELECT COUNT(*) AS n FROM grid_build").getFirst().get("n")).isEqualTo(1L);
    }

    @Test
    void statusAndListShowTheCurrentBuild() throws Exception {
        String buildId = (String) rows("SELECT build_id FROM grid_current").getFirst().get("build_id");

        GridCli.Run status = cli.run("status");
        GridCli.Run list = cli.run("list");

        assertThat(status.status()).as(status.toString()).isZero();
        assertThat(status.out()).contains("Current grid: build " + buildId, "shanghai, beijing, shenzhen, hangzhou",
                "hot cells kept", "sample points (bundled)");
        assertThat(list.status()).isZero();
        assertThat(list.out()).containsPattern("\\*\\s+" + buildId + "\\s+COMPLETE");
    }

    private static List<double[]> samplePoints() throws Exception {
        List<double[]> points = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(PointSource.class.getResourceAsStream(PointSource.SAMPLE_RESOURCE));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("lat")) {
                    continue;
                }
                String[] f = line.split(",");
                points.add(new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2])});
            }
        }
        return points;
    }

    static List<Map<String, Object>> rows(String sql) throws SQLException {
        return rows(database, sql);
    }

    static List<Map<String, Object>> rows(ThrowawayDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
