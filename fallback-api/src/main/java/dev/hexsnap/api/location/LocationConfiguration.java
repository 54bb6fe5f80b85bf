package dev.hexsnap.api.location;

import dev.hexsnap.api.config.ApiSettings;
import dev.hexsnap.api.negotiation.SnapshotServing;
import dev.hexsnap.api.source.SnapshotReader;
import dev.hexsnap.core.geo.HexGrid;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The location feature's own beans: its package-private locator and its direct route. */
@Configuration(proxyBeanMethods = false)
class LocationConfiguration {

    @Bean
    CellLocator cellLocator(HexGrid grid, SnapshotReader reader, ApiSettings settings) {
        return new CellLocator(grid, reader, settings.resolution(), settings.neighbourRings());
    }

    @Bean
    LocationPages locationPages(SnapshotServing serving, CellLocator locator) {
        return new LocationPages(serving, locator);
    }
}
