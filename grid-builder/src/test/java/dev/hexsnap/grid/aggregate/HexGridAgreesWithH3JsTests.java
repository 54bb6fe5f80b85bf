package dev.hexsnap.grid.aggregate;

import dev.hexsnap.core.geo.HexGrid;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cell ids grid-builder writes agree with an independent H3 implementation: h3-js
 * (JavaScript/WebAssembly), whose answers for ~300 points were recorded once in a fixture by
 * {@code src/test/h3js/make-h3-fixture.mjs}; this test needs no Node.
 */
class HexGridAgreesWithH3JsTests {

    @Test
    void everyFixturePointGetsTheCellH3JsGave() throws Exception {
        List<String[]> rows = fixture();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(600);
        HexGrid grid = HexGrid.shared();
        List<String> disagreements = new ArrayList<>();
        for (String[] row : rows) {
            double lat = Double.parseDouble(row[0]);
            double lng = Double.parseDouble(row[1]);
            int resolution = Integer.parseInt(row[2]);
            String mine = grid.toAddress(grid.cellOf(lat, lng, resolution));
            if (!mine.equals(row[3])) {
                disagreements.add(String.join(",", row) + " but HexGrid says " + mine);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void theFixtureCoversResolutionsSevenAndEight() throws Exception {
        assertThat(fixture().stream().filter(r -> r[2].equals("7")).count()).isEqualTo(300);
        assertThat(fixture().stream().filter(r -> r[2].equals("8")).count()).isEqualTo(300);
    }

    private static List<String[]> fixture() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = HexGridAgreesWithH3JsTests.class.getResourceAsStream("h3js-cells.csv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.startsWith("lat,")) {
                    continue;
                }
                rows.add(line.split(","));
            }
        }
        return rows;
    }
}
