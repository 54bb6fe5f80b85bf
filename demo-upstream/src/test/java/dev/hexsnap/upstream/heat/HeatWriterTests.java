package dev.hexsnap.upstream.heat;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeatWriterTests {

    static final List<City> CITIES = CityCatalog.bundled().core(3);

    @Test
    void writesTheRequestedNumberOfPointsAsCsvWithAHeader() throws IOException {
        String csv = write(HeatWriter.forCities(42, CITIES), 10_000, 42);

        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("lat,lng,count");
        assertThat(lines).hasSize(10_001);
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(",");
            LatLng point = new LatLng(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            assertThat(Integer.parseInt(parts[2])).isPositive();
            // Every point is in or near one of the cities (within the built-up radius plus 15%).
            assertThat(CITIES.stream().mapToDouble(c -> c.centre().distanceMetres(point)).min().orElseThrow()).isLessThan(31_000);
        }
    }

    @Test
    void heatIsDeterministicBySeedAndConcentratedDowntown() throws IOException {
        String first = write(HeatWriter.forCities(42, CITIES), 5_000, 7);
        String again = write(HeatWriter.forCities(42, CITIES), 5_000, 7);
        String other = write(HeatWriter.forCities(42, CITIES), 5_000, 8);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        City shanghai = CityCatalog.bundled().require("shanghai");
        long near = Arrays.stream(first.split("\n")).skip(1).map(l -> l.split(","))
                .map(p -> new LatLng(Double.parseDouble(p[0]), Double.parseDouble(p[1])))
                .filter(p -> p.distanceMetres(shanghai.centre()) < 5_000).count();
        long far = Arrays.stream(first.split("\n")).skip(1).map(l -> l.split(","))
                .map(p -> new LatLng(Double.parseDouble(p[0]), Double.parseDouble(p[1])))
                .filter(p -> p.distanceMetres(shanghai.centre()) >= 10_000 && p.distanceMetres(shanghai.centre()) < 15_000).count();
        // The 10-15 km ring is 5 times the area of the 5 km disc, yet holds fewer people.
        assertThat(near).isGreaterThan(far);
    }

    @Test
    void citiesShareThePointsByPopulationAndTheSharesAddUp() {
        long[] shares = HeatWriter.forCities(42, CITIES).shares(1_000_001);

        assertThat(Arrays.stream(shares).sum()).isEqualTo(1_000_001);
        assertThat(Arrays.stream(shares).boxed().toList()).allSatisfy(s -> assertThat(s).isGreaterThan(100_000L));
    }

    @Test
    void formatsSixDecimalsWithoutFloatingNoise() {
        StringBuilder out = new StringBuilder();
        HeatWriter.appendFixed6(out, -0.0000004);
        out.append(' ');
        HeatWriter.appendFixed6(out, 121.4737);
        out.append(' ');
        HeatWriter.appendFixed6(out, -33.0000016);
        assertThat(out.toString()).isEqualTo("0.000000 121.473700 -33.000002");
    }

    static String write(HeatWriter heat, long points, long seed) throws IOException {
        StringWriter out = new StringWriter();
        heat.write(points, seed, out, written -> {
        });
        return out.toString();
    }
}
