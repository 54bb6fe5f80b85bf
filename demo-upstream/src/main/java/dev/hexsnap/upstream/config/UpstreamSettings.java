package dev.hexsnap.upstream.config;

import dev.hexsnap.upstream.world.Geohash;
import dev.hexsnap.upstream.world.GisGrid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Settings of the demo upstream ({@code hexsnap.upstream.*}).
 *
 * @param seed             the seed the whole world derives from; same seed, same world, byte for byte
 * @param cities           how many core cities the world has (the first N of hexsnap's ranking, 1-39)
 * @param citySlugs        explicit city slugs instead of the first N core cities (any city of the catalog)
 * @param storeScale       multiplies the number of stores per city (1.0: about 40 + 14 per million inhabitants)
 * @param homePageBytes    target size of a home page's JSON before compression (the source: about 600 KB)
 * @param channelPageBytes target size of a channel page's JSON before compression (the source: about 400 KB)
 * @param opsToken         bearer token of the operator endpoints; when unset, a random one is generated
 *                         at start and logged once (environment: {@code HEXSNAP_UPSTREAM_OPS_TOKEN})
 * @param gatewayToken     bearer token of the gateway-shaped page API ({@code /gw/**}); when unset, a random
 *                         one is generated at start and logged once (environment: {@code HEXSNAP_UPSTREAM_GATEWAY_TOKEN})
 * @param zone             the world's time zone (opening hours, day and night)
 * @param dayStarts        local time the day slot starts (HH:mm)
 * @param nightStarts      local time the night slot starts (HH:mm)
 * @param timeoutHang      how long an injected timeout hangs before giving up with 504: longer than
 *                         any sane client timeout
 * @param defaultPageSize  products per store-products page when the request names none
 * @param maxPageSize      the largest products page a request may ask for
 * @param maxHeatPoints    the most points one heat request may ask for
 * @param gisGrid          how a page's location is resolved before the page is computed: {@code geohash}
 *                         (the point's geohash cell, as a real GIS service fences coverage: every point of a
 *                         cell gets the same generic page) or {@code exact} (the exact point: far more
 *                         location-sensitive than real pages)
 * @param gisPrecision     geohash precision of the GIS cells (1-12; 5 = about 4.2 km x 4.9 km at 31°N, the
 *                         size of the source's GIS fences; 6 = about 1.05 km x 0.61 km); ignored in exact mode
 */
@ConfigurationProperties("hexsnap.upstream")
public record UpstreamSettings(
        @DefaultValue("42") long seed,
        @DefaultValue("24") int cities,
        @DefaultValue List<String> citySlugs,
        @DefaultValue("1.0") double storeScale,
        @DefaultValue("600000") int homePageBytes,
        @DefaultValue("400000") int channelPageBytes,
        String opsToken,
        String gatewayToken,
        @DefaultValue("Asia/Shanghai") String zone,
        @DefaultValue("06:00") String dayStarts,
        @DefaultValue("22:00") String nightStarts,
        @DefaultValue("30s") Duration timeoutHang,
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("5000000") int maxHeatPoints,
        @DefaultValue("geohash") GisGrid.Kind gisGrid,
        @DefaultValue("5") int gisPrecision) {

    public UpstreamSettings {
        citySlugs = citySlugs == null ? List.of() : citySlugs.stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
        if (homePageBytes < 1_000 || homePageBytes > 20_000_000) {
            throw new IllegalArgumentException("hexsnap.upstream.home-page-bytes must be within [1000, 20000000], got " + homePageBytes);
        }
        if (channelPageBytes < 1_000 || channelPageBytes > 20_000_000) {
            throw new IllegalArgumentException("hexsnap.upstream.channel-page-bytes must be within [1000, 20000000], got " + channelPageBytes);
        }
        if (maxPageSize < 1 || maxPageSize > 1000) {
            throw new IllegalArgumentException("hexsnap.upstream.max-page-size must be within [1, 1000], got " + maxPageSize);
        }
        if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("hexsnap.upstream.default-page-size must be within [1, max-page-size], got " + defaultPageSize);
        }
        if (timeoutHang == null || timeoutHang.isNegative()) {
            throw new IllegalArgumentException("hexsnap.upstream.timeout-hang must be a positive duration");
        }
        if (maxHeatPoints < 1) {
            throw new IllegalArgumentException("hexsnap.upstream.max-heat-points must be positive, got " + maxHeatPoints);
        }
        if (gisGrid == null) {
            throw new IllegalArgumentException("hexsnap.upstream.gis-grid must be geohash or exact");
        }
        if (gisPrecision < Geohash.MIN_PRECISION || gisPrecision > Geohash.MAX_PRECISION) {
            throw new IllegalArgumentException("hexsnap.upstream.gis-precision must be within [" + Geohash.MIN_PRECISION + ", "
                    + Geohash.MAX_PRECISION + "], got " + gisPrecision);
        }
        zoneId(zone);
        time("day-starts", dayStarts);
        time("night-starts", nightStarts);
    }

    /** The GIS layer these settings describe. */
    public GisGrid gis() {
        return GisGrid.of(gisGrid, gisPrecision);
    }

    public ZoneId zoneId() {
        return zoneId(zone);
    }

    public LocalTime dayStartsAt() {
        return time("day-starts", dayStarts);
    }

    public LocalTime nightStartsAt() {
        return time("night-starts", nightStarts);
    }

    private static ZoneId zoneId(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("hexsnap.upstream.zone must be a time zone such as Asia/Shanghai, got '" + zone + "'");
        }
    }

    private static LocalTime time(String name, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("hexsnap.upstream." + name + " must be a time such as 22:00, got '" + value + "'");
        }
    }
}
