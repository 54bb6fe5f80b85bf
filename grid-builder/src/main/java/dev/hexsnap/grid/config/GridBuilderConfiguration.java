package dev.hexsnap.grid.config;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.grid.build.GridBuilder;
import dev.hexsnap.grid.persist.GridStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The beans of grid-builder. The {@code DataSource}, {@code JdbcTemplate} and Flyway (which
 * applies {@code sql/} before anything runs) come from Boot and hexsnap-core's defaults.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GridBuilderSettings.class)
class GridBuilderConfiguration {

    @Bean
    GridStore gridStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new GridStore(jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    GridBuilder gridBuilder(HexGrid grid, GridStore store, GridBuilderSettings settings, Clock clock) {
        return new GridBuilder(grid, store, settings, clock);
    }
}
