package dev.hexsnap.api.store;

import dev.hexsnap.api.config.ApiSettings;
import dev.hexsnap.api.negotiation.SnapshotServing;
import dev.hexsnap.api.source.SnapshotReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store feature's own bean: its direct route. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    StorePages storePages(SnapshotServing serving, SnapshotReader reader, ApiSettings settings) {
        return new StorePages(serving, reader, settings.maxProductPage());
    }
}
