package dev.hexsnap.grid.region;

import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.region.Region;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionInputTests {

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final RegionInput input = new RegionInput(CityCatalog.bundled(), new PrintStream(warnings, true, StandardCharsets.UTF_8));

    /** A square around People's Square, Shanghai, written the GeoJSON way: [lng, lat]. */
    private static final String SQUARE = "[[121.40, 31.20], [121.50, 31.20], [121.50, 31.26], [121.40, 31.26], [121.40, 31.20]]";

    @Test
    void geoJsonPositionsAreLongitudeFirstAndAreSwapped() {
        String json = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"name": "Shanghai Centre"},
                   "geometry": {"type": "Polygon", "coordinates": [%s]}}]}""".formatted(SQUARE);

        List<Area> areas = input.text("regions.geojson", json, 15).areas();

        assertThat(areas).hasSize(1);
        Area area = areas.getFirst();
        assertThat(area.name()).isEqualTo("shanghai-centre");
        Region.Polygon polygon = (Region.Polygon) area.shapes().getFirst();
        assertThat(polygon.points().getFirst()).isEqualTo(new LatLng(31.20, 121.40));
        assertThat(polygon.contains(new LatLng(31.23, 121.47))).isTrue();
    }

    @Test
    void aMultiPolygonIsOneRegionWithSeveralShapesAndHolesAreNoted() {
        String json = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"name": "twin"},
                   "geometry": {"type": "MultiPolygon", "coordinates": [
                     [%s, [[121.44, 31.22], [121.45, 31.22], [121.45, 31.23], [121.44, 31.22]]],
                     [[[120.10, 30.20], [120.20, 30.20], [120.20, 30.30], [120.10, 30.20]]]]}}]}""".formatted(SQUARE);

        List<Area> areas = input.text("twin.geojson", json, 15).areas();

        assertThat(areas).singleElement().satisfies(area -> assertThat(area.shapes()).hasSize(2));
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("1 hole(s)");
    }

    @Test
    void coordinatesGivenLatitudeFirstAreCaughtWithAHint() {
        String json = """
                {"type": "Feature", "properties": {"name": "wrong"},
                 "geometry": {"type": "Polygon", "coordinates": [[[31.2, 121.4], [31.3, 121.4], [31.3, 121.5], [31.2, 121.4]]]}}""";

        assertThatThrownBy(() -> input.text("wrong.geojson", json, 15))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("wrong.geojson: feature 1 ('wrong')")
                .hasMessageContaining("GeoJSON is [lng, lat]");
    }

    @Test
    void malformedGeoJsonIsNamedPrecisely() {
        assertThatThrownBy(() -> input.text("a.geojson", "{\"type\": \"FeatureCollection\", \"features\": [", 15))
                .isInstanceOf(UsageException.class).hasMessageContaining("a.geojson is not valid JSON");
        assertThatThrownBy(() -> input.text("b.geojson", """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "x"},
                 "geometry": {"type": "Point", "coordinates": [121.4, 31.2]}}]}""", 15))
                .isInstanceOf(UsageException.class).hasMessageContaining("must be Polygon or MultiPolygon, got 'Point'");
        assertThatThrownBy(() -> input.text("c.geojson", """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                 "geometry": {"type": "Polygon", "coordinates": [%s]}}]}""".formatted(SQUARE), 15))
                .isInstanceOf(UsageException.class).hasMessageContaining("feature 1 has no 'name' property");
        assertThatThrownBy(() -> input.text("d.geojson", "{\"type\": \"FeatureCollection\", \"features\": []}", 15))
                .isInstanceOf(UsageException.class).hasMessageContaining("has no features");
    }

    @Test
    void csvRegionsAreCirclesWithAnOptionalRadius() {
        String csv = """
                name,lat,lng,radius_km
                pudong,31.22,121.54,8
                xuhui,31.19,121.44,
                """;

        List<Area> areas = input.text("regions.csv", csv, 12).areas();

        assertThat(areas).extracting(Area::name).containsExactly("pudong", "xuhui");
        assertThat(((Region.Circle) areas.get(0).shapes().getFirst()).radiusKm()).isEqualTo(8);
        assertThat(((Region.Circle) areas.get(1).shapes().getFirst()).radiusKm()).isEqualTo(12);
    }

    @Test
    void badCsvLinesAreNamedByLine() {
        assertThatThrownBy(() -> input.text("r.csv", "name,lat,lng\npudong,31.22\n", 12))
                .isInstanceOf(UsageException.class).hasMessageContaining("r.csv: line 2: expected name,lat,lng[,radius_km]");
        assertThatThrownBy(() -> input.text("r.csv", "pudong,north,121.5\n", 12))
                .isInstanceOf(UsageException.class).hasMessageContaining("line 1: latitude is not a number");
        assertThatThrownBy(() -> input.text("r.csv", "pudong,31.2,121.5,0\n", 12))
                .isInstanceOf(UsageException.class).hasMessageContaining("radius_km must be within (0, 500]");
    }

    @Test
    void citiesComeFromTheCatalogAndUnknownOnesAreRefusedWithSuggestions() {
        List<Area> areas = input.cities(List.of("shanghai", "xian"), 10).areas();

        assertThat(areas).extracting(Area::name).containsExactly("shanghai", "xian");
        Region.Circle circle = (Region.Circle) areas.getFirst().shapes().getFirst();
        assertThat(circle.centre()).isEqualTo(CityCatalog.bundled().require("shanghai").centre());
        assertThat(circle.radiusKm()).isEqualTo(10);
        assertThatThrownBy(() -> new RegionInput(CityCatalog.bundled(), System.err).cities(List.of("shang"), 10))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown city 'shang'")
                .hasMessageContaining("shanghai");
    }

    @Test
    void aRegionGivenTwiceIsRefused() {
        input.cities(List.of("shanghai"), 10);

        assertThatThrownBy(() -> input.text("r.csv", "shanghai,31.2,121.5\n", 12))
                .isInstanceOf(UsageException.class).hasMessageContaining("region 'shanghai' is given twice");
    }

    @Test
    void theSampleRegionsCoverTheirCities() {
        List<Area> areas = input.sample().areas();

        assertThat(areas).extracting(Area::name).containsExactly("shanghai", "beijing", "shenzhen", "hangzhou");
        for (Area area : areas) {
            LatLng centre = CityCatalog.bundled().require(area.name()).centre();
            assertThat(area.shapes().getFirst().contains(centre)).as(area.name()).isTrue();
        }
    }

    @Test
    void coverageGivesEachCellToTheFirstRegionAndATinyRegionStillGetsItsCell() {
        HexGrid grid = HexGrid.shared();
        List<Area> areas = input.cities(List.of("shanghai"), 5)
                .text("tiny.csv", "tiny,31.1667,121.4667,0.05\nfar,39.9,116.4,0.05\n", 1).areas();

        CellIndex cells = Coverage.of(areas, 8, grid, 100_000);

        long centreCell = grid.cellOf(new LatLng(31.1667, 121.4667), 8);
        assertThat(cells.region(cells.slotOf(centreCell))).isEqualTo("shanghai");
        long farCell = grid.cellOf(new LatLng(39.9, 116.4), 8);
        assertThat(cells.region(cells.slotOf(farCell))).isEqualTo("far");
        assertThat(cells.slotOf(grid.cellOf(new LatLng(22.5, 114.0), 8))).isEqualTo(-1);
        assertThatThrownBy(() -> Coverage.of(areas, 8, grid, 10))
                .isInstanceOf(UsageException.class).hasMessageContaining("more than 10 cells at resolution 8");
    }
}
