package dev.hexsnap.upstream.web;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.upstream.clock.WorldClock;
import dev.hexsnap.upstream.config.UpstreamSettings;
import dev.hexsnap.upstream.heat.HeatWriter;
import dev.hexsnap.upstream.world.CityLayout;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.Moment;
import dev.hexsnap.upstream.world.Store;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldTime;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the world is ({@code /v1/world}) and where its people are ({@code /v1/heat}). */
@RestController
final class WorldController {

    private final World world;
    private final UpstreamSettings settings;
    private final WorldClock clock;
    private final WorldTime time;
    private final JsonResponses json;

    WorldController(World world, UpstreamSettings settings, WorldClock clock, WorldTime time, JsonResponses json) {
        this.world = world;
        this.settings = settings;
        this.clock = clock;
        this.time = time;
        this.json = json;
    }

    /** A summary of the world, for operators and tests. */
    @GetMapping("/v1/world")
    void world(HttpServletResponse response) throws IOException {
        Moment now = time.at(clock.now());
        Map<String, Integer> perChannel = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            perChannel.put(channel.id(), 0);
        }
        Map<String, Integer> perSize = new LinkedHashMap<>();
        int openNow = 0;
        int closedForGood = 0;
        Map<Long, Integer> perCity = new LinkedHashMap<>();
        for (Store store : world.stores()) {
            for (Channel channel : store.channels()) {
                perChannel.merge(channel.id(), 1, Integer::sum);
            }
            perSize.merge(store.size().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            openNow += store.isOpenAt(now) ? 1 : 0;
            closedForGood += store.closedForGood() ? 1 : 0;
            perCity.merge(store.city().id(), 1, Integer::sum);
        }
        List<CitySummary> cities = new ArrayList<>();
        for (CityLayout layout : world.layouts()) {
            City city = layout.city();
            cities.add(new CitySummary(city.slug(), city.name(), city.centre().lat(), city.centre().lng(),
                    layout.radiusKm(), perCity.getOrDefault(city.id(), 0)));
        }
        json.write(response, 200, new WorldSummary(settings.seed(), world.stores().size(), perChannel, perSize, openNow,
                closedForGood, settings.homePageBytes(), settings.channelPageBytes(), settings.zone(),
                settings.nightStarts() + "-" + settings.dayStarts(), now.instant().toString(), now.slot().id(),
                clock.fixedAt().isPresent(), settings.gis().kind().id(),
                settings.gis().kind() == GisGrid.Kind.EXACT ? null : settings.gis().precision(), cities));
    }

    /**
     * Request heat as streamed CSV. {@code cities}: a number (the first N core cities) or
     * comma-separated slugs; default the world's cities. {@code seed}: the sampling seed,
     * default the world's.
     */
    @GetMapping("/v1/heat")
    void heat(@RequestParam(required = false) String cities, @RequestParam(required = false) String points,
              @RequestParam(required = false) String seed, HttpServletResponse response) throws IOException {
        List<City> chosen = cities(cities);
        int count = Params.integer("points", points, 100_000, 1, settings.maxHeatPoints());
        long sampleSeed = Params.seed(seed, settings.seed());
        HeatWriter heat = HeatWriter.forCities(settings.seed(), chosen);
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "inline; filename=\"heat.csv\"");
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        heat.write(count, sampleSeed, out, written -> {
        });
    }

    private List<City> cities(String raw) {
        if (raw == null || raw.isBlank()) {
            return world.layouts().stream().map(CityLayout::city).toList();
        }
        CityCatalog catalog = CityCatalog.bundled();
        if (raw.trim().matches("\\d{1,4}")) {
            int n = Params.integer("cities", raw, 1, 1, catalog.core().size());
            return catalog.core(n);
        }
        List<City> result = new ArrayList<>();
        for (String slug : raw.split(",")) {
            String trimmed = slug.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                result.add(catalog.require(trimmed));
            } catch (IllegalArgumentException e) {
                throw RequestRejectedException.badParameter("cities", e.getMessage().replaceAll("\\p{Cntrl}", "?"));
            }
        }
        if (result.isEmpty() || result.size() > 400) {
            throw RequestRejectedException.badParameter("cities", "cities must be a number of core cities (1-"
                    + catalog.core().size() + ") or 1-400 comma-separated city slugs");
        }
        return result;
    }

    record CitySummary(String slug, String name, double lat, double lng, double radiusKm, int stores) {
    }

    record WorldSummary(long seed, int stores, Map<String, Integer> storesPerChannel, Map<String, Integer> storesPerSize,
                        int storesOpenNow, int storesClosedForGood, int homePageBytes, int channelPageBytes, String zone,
                        String night, String worldTime, String slot, boolean clockFixed, String gisGrid, Integer gisPrecision,
                        List<CitySummary> cities) {
    }
}
