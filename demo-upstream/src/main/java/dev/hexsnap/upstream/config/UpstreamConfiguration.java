package dev.hexsnap.upstream.config;

import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.upstream.clock.WorldClock;
import dev.hexsnap.upstream.faults.Faults;
import dev.hexsnap.upstream.pages.PageBuilder;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldSpec;
import dev.hexsnap.upstream.world.WorldTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Wires the world, the page builder, the clock, the fault drills and the operator token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamSettings.class)
public class UpstreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(UpstreamConfiguration.class);

    @Bean
    World world(UpstreamSettings settings) {
        CityCatalog catalog = CityCatalog.bundled();
        List<City> cities = settings.citySlugs().isEmpty()
                ? catalog.core(settings.cities())
                : settings.citySlugs().stream().map(catalog::require).toList();
        long started = System.nanoTime();
        World world = World.generate(new WorldSpec(settings.seed(), cities, settings.storeScale()));
        log.info("Demo world generated: seed {}, {} cities, {} stores in {} ms", settings.seed(), cities.size(),
                world.stores().size(), (System.nanoTime() - started) / 1_000_000);
        return world;
    }

    @Bean
    GisGrid gisGrid(UpstreamSettings settings) {
        GisGrid gis = settings.gis();
        log.info("Pages are computed per GIS location: {}", gis.describe());
        return gis;
    }

    @Bean
    PageBuilder pageBuilder(World world, GisGrid gis, UpstreamSettings settings) {
        return new PageBuilder(world, gis, settings.homePageBytes(), settings.channelPageBytes());
    }

    @Bean
    WorldTime worldTime(UpstreamSettings settings) {
        return new WorldTime(settings.zoneId(), settings.dayStartsAt(), settings.nightStartsAt());
    }

    @Bean
    WorldClock worldClock(Environment environment) {
        // The upstream imports no hexsnap auto-configuration (it runs inside other modules' tests):
        // it reads the shared clock setting itself, so a shifted run shifts the world too.
        return new WorldClock(ShiftedClock.startingAt(environment.getProperty(ShiftedClock.PROPERTY),
                environment.getProperty(ShiftedClock.ANCHOR_PROPERTY)));
    }

    @Bean
    Faults faults() {
        return new Faults();
    }

    @Bean
    UpstreamTokens upstreamTokens(UpstreamSettings settings) {
        return new UpstreamTokens(token(settings.opsToken(), "ops-token", "operator token"),
                token(settings.gatewayToken(), "gateway-token", "gateway API token"));
    }

    private static BearerToken token(String configured, String property, String what) {
        String token = configured;
        if (token == null || token.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // Printed once so an operator (or a crawler) can use it; set hexsnap.upstream.<property> to choose it.
            log.warn("No hexsnap.upstream.{} set: generated {} for this run: {}", property, what, token);
        }
        return new BearerToken(token);
    }
}
