package dev.hexsnap.grid.region;

import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.region.Region;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the regions an operator names: catalog cities (a circle of a radius around each
 * centre), a GeoJSON FeatureCollection of Polygon/MultiPolygon features with a {@code name}
 * property (coordinates [lng, lat], swapped here), or a CSV of {@code name,lat,lng[,radius_km]}
 * circles. Every problem is a {@link UsageException} naming the file and the feature or line.
 */
public final class RegionInput {

    /** The bundled sample regions (see {@code docs/grid-builder.md}). */
    public static final String SAMPLE_RESOURCE = "/dev/hexsnap/grid/sample/regions.geojson";

    private final CityCatalog catalog;
    private final PrintStream warnings;
    private final Map<String, List<Region.Shape>> byName = new LinkedHashMap<>();
    private final Map<String, String> origin = new LinkedHashMap<>();

    /**
     * @param warnings where notes that do not stop the run go (holes ignored...)
     */
    public RegionInput(CityCatalog catalog, PrintStream warnings) {
        this.catalog = catalog;
        this.warnings = warnings;
    }

    /** Adds catalog cities by slug, as circles of {@code radiusKm}. */
    public RegionInput cities(List<String> slugs, double radiusKm) {
        for (String slug : slugs) {
            City city;
            try {
                city = catalog.require(slug);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                if (!message.contains("did you mean")) {
                    List<String> close = closeSlugs(slug);
                    message += close.isEmpty() ? " (not in the bundled catalog of " + catalog.all().size() + " cities)"
                            : "; did you mean " + String.join(", ", close) + "?";
                }
                throw new UsageException("--cities: " + message);
            }
            add(city.slug(), Region.around(city, radiusKm).shape(), "--cities", true);
        }
        return this;
    }

    /** Slugs within two typos of {@code wanted} (the catalog's own hint only knows prefixes). */
    private List<String> closeSlugs(String wanted) {
        String w = wanted.toLowerCase(Locale.ROOT);
        return catalog.all().stream().map(City::slug)
                .filter(slug -> Math.abs(slug.length() - w.length()) <= 2 && editDistance(slug, w) <= 2)
                .limit(5).toList();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Adds the regions of a GeoJSON or CSV file (told apart by content, not by name). */
    public RegionInput file(String path, double defaultRadiusKm) {
        String text;
        try {
            text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("--regions: no such file: " + path);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("--regions: cannot read " + path + ": " + e.getMessage());
        }
        return text(path, text, defaultRadiusKm);
    }

    /** Adds the bundled sample regions. */
    public RegionInput sample() {
        try (InputStream in = RegionInput.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled sample missing from the jar: " + SAMPLE_RESOURCE);
            }
            return text("sample regions", new String(in.readAllBytes(), StandardCharsets.UTF_8), 15);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled sample regions", e);
        }
    }

    /** The regions, in the order given. */
    public List<Area> areas() {
        List<Area> areas = new ArrayList<>();
        byName.forEach((name, shapes) -> areas.add(new Area(name, shapes)));
        return List.copyOf(areas);
    }

    RegionInput text(String file, String text, double defaultRadiusKm) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new UsageException("--regions: " + file + " is empty");
        }
        if (trimmed.startsWith("{")) {
            geoJson(file, trimmed);
        } else {
            csv(file, trimmed, defaultRadiusKm);
        }
        return this;
    }

    private void geoJson(String file, String text) {
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(text);
        } catch (JacksonException e) {
            throw new UsageException("--regions: " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        List<JsonNode> features = new ArrayList<>();
        String type = root.path("type").asString("");
        if (type.equals("FeatureCollection") && root.path("features").isArray()) {
            root.path("features").forEach(features::add);
        } else if (type.equals("Feature")) {
            features.add(root);
        } else {
            throw new UsageException("--regions: " + file + " must be a GeoJSON FeatureCollection (or Feature)");
        }
        if (features.isEmpty()) {
            throw new UsageException("--regions: " + file + " has no features");
        }
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            String where = file + ": feature " + (i + 1);
            String rawName = feature.path("properties").path("name").asString("");
            if (rawName.isBlank()) {
                throw new UsageException("--regions: " + where + " has no 'name' property");
            }
            String name = nameOf(rawName, where);
            where += " ('" + rawName + "')";
            JsonNode geometry = feature.path("geometry");
            String geometryType = geometry.path("type").asString("");
            JsonNode coordinates = geometry.path("coordinates");
            List<JsonNode> polygons = new ArrayList<>();
            switch (geometryType) {
                case "Polygon" -> polygons.add(coordinates);
                case "MultiPolygon" -> coordinates.forEach(polygons::add);
                default -> throw new UsageException("--regions: " + where + ": geometry must be Polygon or MultiPolygon, got '"
                        + geometryType + "'");
            }
            if (polygons.isEmpty()) {
                throw new UsageException("--regions: " + where + " has no coordinates");
            }
            int holes = 0;
            for (JsonNode polygon : polygons) {
                if (!polygon.isArray() || polygon.isEmpty()) {
                    throw new UsageException("--regions: " + where + ": a polygon must be an array of rings");
                }
                holes += polygon.size() - 1;
                add(name, new Region.Polygon(ring(polygon.get(0), where)), file, false);
            }
            if (holes > 0) {
                warnings.println("note: " + where + " has " + holes + " hole(s); holes are ignored, the cells inside them "
                        + "are covered");
            }
        }
    }

    private static List<LatLng> ring(JsonNode ring, String where) {
        if (!ring.isArray() || ring.size() < 4) {
            throw new UsageException("--regions: " + where + ": a ring needs at least 4 positions (closed), got "
                    + (ring.isArray() ? ring.size() : "no array"));
        }
        List<LatLng> points = new ArrayList<>(ring.size());
        for (JsonNode position : ring) {
            if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                throw new UsageException("--regions: " + where + ": a position must be [lng, lat] numbers, got " + position);
            }
            double lng = position.get(0).doubleValue();
            double lat = position.get(1).doubleValue();
            if (!LatLng.isValid(lat, lng)) {
                throw new UsageException("--regions: " + where + ": position " + position
                        + " is out of range (GeoJSON is [lng, lat]: lng within [-180, 180], lat within [-90, 90])");
            }
            points.add(new LatLng(lat, lng));
        }
        return points;
    }

    private void csv(String file, String text, double defaultRadiusKm) {
        String[] lines = text.split("\r?\n");
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ": line " + (i + 1);
            String[] fields = line.split(",", -1);
            if (first && line.toLowerCase(Locale.ROOT).startsWith("name")) {
                first = false;
                continue; // header
            }
            first = false;
            if (fields.length < 3 || fields.length > 4) {
                throw new UsageException("--regions: " + where + ": expected name,lat,lng[,radius_km], got '" + line + "'");
            }
            String name = nameOf(fields[0].strip(), where);
            double lat = number(fields[1], "latitude", where);
            double lng = number(fields[2], "longitude", where);
            double radius = fields.length == 4 && !fields[3].isBlank() ? number(fields[3], "radius_km", where) : defaultRadiusKm;
            if (!LatLng.isValid(lat, lng)) {
                throw new UsageException("--regions: " + where + ": " + lat + "," + lng + " is not a valid lat,lng");
            }
            if (!(radius > 0 && radius <= 500)) {
                throw new UsageException("--regions: " + where + ": radius_km must be within (0, 500], got " + fields[3].strip());
            }
            add(name, new Region.Circle(new LatLng(lat, lng), radius), file, false);
        }
        if (first) {
            throw new UsageException("--regions: " + file + " has no regions");
        }
    }

    private void add(String name, Region.Shape shape, String from, boolean unique) {
        String earlier = origin.get(name);
        if (earlier != null && (unique || !earlier.equals(from))) {
            throw new UsageException("region '" + name + "' is given twice (" + earlier + " and " + from + ")");
        }
        origin.put(name, from);
        byName.computeIfAbsent(name, n -> new ArrayList<>()).add(shape);
    }

    /** Region names are what every stage stores and shows: lowercase ASCII words joined by '-'. */
    static String nameOf(String raw, String where) {
        String name = raw.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (name.isEmpty() || name.length() > 64) {
            throw new UsageException("--regions: " + where + ": name '" + raw + "' must give 1-64 of a-z, 0-9 and '-'");
        }
        return name;
    }

    private static double number(String field, String what, String where) {
        try {
            return Double.parseDouble(field.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--regions: " + where + ": " + what + " is not a number: '" + field.strip() + "'");
        }
    }
}
