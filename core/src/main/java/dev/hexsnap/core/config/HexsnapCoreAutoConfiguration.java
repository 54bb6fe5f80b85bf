package dev.hexsnap.core.config;

import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.upstream.UpstreamSettings;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import java.time.Clock;

/**
 * The shared pieces as beans. Redis is connected on first use ({@code @Lazy}), so a program
 * that never touches snapshots (the demo upstream) never needs a Redis, and one that does
 * fails with a clear message when it first needs it. {@code hexsnap.redis.enabled=false}
 * removes the Redis beans altogether.
 */
@AutoConfiguration
@EnableConfigurationProperties({RedisSettings.class, UpstreamSettings.class})
public class HexsnapCoreAutoConfiguration {

    /** Every stage's "now": the system clock, or one started at {@code hexsnap.clock.start} (see {@link ShiftedClock}). */
    @Bean
    @ConditionalOnMissingBean
    Clock hexsnapClock(Environment environment) {
        return ShiftedClock.startingAt(environment.getProperty(ShiftedClock.PROPERTY),
                environment.getProperty(ShiftedClock.ANCHOR_PROPERTY));
    }

    @Bean
    @ConditionalOnMissingBean
    HexGrid hexGrid() {
        return HexGrid.shared();
    }

    @Bean
    @ConditionalOnMissingBean
    CityCatalog cityCatalog() {
        return CityCatalog.bundled();
    }

    @Bean
    @ConditionalOnMissingBean
    PageInspector pageInspector() {
        return new PageInspector();
    }

    /** The upstream contract, read and checked at start: a contract that cannot be used stops the program (exit 2). */
    @Bean
    @ConditionalOnMissingBean
    UpstreamContract upstreamContract(UpstreamSettings settings, Environment environment) {
        return UpstreamContract.load(settings.contract(), environment::getProperty);
    }

    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "hexsnap.redis.enabled", matchIfMissing = true)
    RedisKeyValue redisKeyValue(RedisSettings settings) {
        return RedisKeyValue.connect(settings);
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "hexsnap.redis.enabled", matchIfMissing = true)
    SnapshotStore snapshotStore(RedisKeyValue redis) {
        return new SnapshotStore(redis);
    }
}
