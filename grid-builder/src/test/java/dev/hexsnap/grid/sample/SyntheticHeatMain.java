package dev.hexsnap.grid.sample;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic inputs.
 *
 * <pre>
 * sample DIR            the bundled sample: DIR/regions.geojson and DIR/points.csv.gz
 * points LINES FILE     LINES points around the sample cities (gzip when FILE ends in .gz)
 * </pre>
 * The bundled sample is regenerated with
 * {@code sample grid-builder/src/main/resources/dev/hexsnap/grid/sample}; the benchmark
 * writes its big inputs with {@code points} into {@code target/}.
 */
public final class SyntheticHeatMain {

    /** The sample cities: four of the largest O2O markets, far enough apart not to overlap. */
    static final List<String> SAMPLE_CITIES = List.of("shanghai", "beijing", "shenzhen", "hangzhou");
    static final double SAMPLE_RADIUS_KM = 14;
    static final long SAMPLE_LINES = 100_000;
    static final long SEED = 20261123;

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("sample")) {
            Path dir = Path.of(args[1]);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("regions.geojson"), regionsGeoJson(), StandardCharsets.UTF_8);
            writePoints(dir.resolve("points.csv.gz"), SAMPLE_LINES, Deflater.BEST_COMPRESSION);
        } else if (args.length == 3 && args[0].equals("points")) {
            writePoints(Path.of(args[2]), Long.parseLong(args[1].replace("_", "")), Deflater.BEST_SPEED);
        } else {
            System.err.println("usage: SyntheticHeatMain sample DIR | points LINES FILE");
            System.exit(2);
        }
    }

    static List<City> sampleCities() {
        CityCatalog catalog = CityCatalog.bundled();
        return SAMPLE_CITIES.stream().map(catalog::require).toList();
    }

    static void writePoints(Path file, long lines, int level) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        SyntheticHeat heat = new SyntheticHeat(sampleCities(), SAMPLE_RADIUS_KM, SEED);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             OutputStream out = file.toString().endsWith(".gz") ? gzip(raw, level) : raw) {
            heat.write(out, lines);
        }
    }

    private static OutputStream gzip(OutputStream raw, int level) throws IOException {
        return new GZIPOutputStream(raw, 1 << 16) {
            {
                def.setLevel(level);
            }
        };
    }

    static String regionsGeoJson() {
        StringBuilder json = new StringBuilder("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n");
        List<City> cities = sampleCities();
        for (int c = 0; c < cities.size(); c++) {
            City city = cities.get(c);
            List<LatLng> outline = SyntheticHeat.outline(city.centre(), SAMPLE_RADIUS_KM, SEED + c);
            json.append("    {\"type\": \"Feature\", \"properties\": {\"name\": \"").append(city.slug())
                    .append("\", \"note\": \"illustrative area around the city centre, not an administrative boundary\"},\n")
                    .append("     \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[");
            for (int i = 0; i <= outline.size(); i++) {
                LatLng p = outline.get(i % outline.size());
                json.append(i == 0 ? "" : ", ").append('[').append(p.lng()).append(", ").append(p.lat()).append(']');
            }
            json.append("]]}}").append(c + 1 < cities.size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }
}
