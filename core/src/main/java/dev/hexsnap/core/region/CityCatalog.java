package dev.hexsnap.core.region;

import dev.hexsnap.core.geo.LatLng;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cities of mainland China from the bundled reference data, and hexsnap's ranking of the
 * 39 core cities. Immutable and thread-safe; load it once with {@link #bundled()}.
 *
 * <p>Slugs are the lowercase ASCII name ({@code xian} for Xi'an); where several cities share a
 * name, the core city keeps the bare slug and the others get their province appended
 * ({@code suzhou} is Suzhou, Jiangsu; {@code suzhou-anhui} the other one).
 */
public final class CityCatalog {

    private static volatile CityCatalog bundled;

    private final Map<String, City> bySlug;
    private final List<City> core;

    private CityCatalog(Map<String, City> bySlug, List<City> core) {
        this.bySlug = bySlug;
        this.core = core;
    }

    /** The catalog shipped with hexsnap. */
    public static CityCatalog bundled() {
        CityCatalog catalog = bundled;
        if (catalog == null) {
            synchronized (CityCatalog.class) {
                catalog = bundled;
                if (catalog == null) {
                    catalog = load();
                    bundled = catalog;
                }
            }
        }
        return catalog;
    }

    /** Every city, largest population first. */
    public List<City> all() {
        return List.copyOf(bySlug.values());
    }

    /** The core cities, largest O2O markets first (39). */
    public List<City> core() {
        return core;
    }

    /** The first {@code n} core cities. */
    public List<City> core(int n) {
        if (n < 1 || n > core.size()) {
            throw new IllegalArgumentException("number of core cities must be within [1, " + core.size() + "], got " + n);
        }
        return core.subList(0, n);
    }

    /** The city with this slug. */
    public Optional<City> find(String slug) {
        return Optional.ofNullable(bySlug.get(slug == null ? "" : slug.toLowerCase(Locale.ROOT)));
    }

    /**
     * The city with this slug.
     *
     * @throws IllegalArgumentException naming close matches when there is none
     */
    public City require(String slug) {
        return find(slug).orElseThrow(() -> {
            String wanted = slugOf(slug == null ? "" : slug);
            List<String> close = bySlug.keySet().stream()
                    .filter(s -> !wanted.isEmpty() && (s.startsWith(wanted) || wanted.startsWith(s)))
                    .limit(5).toList();
            return new IllegalArgumentException("unknown city '" + slug + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
        });
    }

    private static CityCatalog load() {
        List<String[]> rows = readCsv("cn-cities.csv");
        List<String[]> coreRows = readCsv("core-cities.csv");
        Map<Long, String> coreSlugById = new HashMap<>();
        for (String[] row : coreRows) {
            coreSlugById.put(Long.parseLong(row[1]), row[0]);
        }
        Map<String, Integer> nameCount = new HashMap<>();
        for (String[] row : rows) {
            nameCount.merge(slugOf(row[1]), 1, Integer::sum);
        }
        Map<String, City> bySlug = new LinkedHashMap<>();
        Map<Long, City> byId = new HashMap<>();
        for (String[] row : rows) {
            long id = Long.parseLong(row[0]);
            String base = slugOf(row[1]);
            String slug = coreSlugById.getOrDefault(id,
                    nameCount.get(base) > 1 ? base + "-" + slugOf(row[2]) : base);
            if (bySlug.containsKey(slug)) {
                slug = slug + "-" + id;
            }
            City city = new City(id, slug, row[1], row[2],
                    new LatLng(Double.parseDouble(row[3]), Double.parseDouble(row[4])), Long.parseLong(row[5]));
            bySlug.put(slug, city);
            byId.put(id, city);
        }
        List<City> core = new ArrayList<>();
        for (String[] row : coreRows) {
            core.add(byId.get(Long.parseLong(row[1])));
        }
        return new CityCatalog(bySlug, List.copyOf(core));
    }

    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
                .replace("xi-an", "xian");
    }

    private static List<String[]> readCsv(String resource) {
        try (InputStream in = CityCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + resource, e);
        }
    }
}
