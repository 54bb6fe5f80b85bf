package dev.hexsnap.diff.config;

import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.upstream.RequestCeiling;
import dev.hexsnap.diff.upstream.HttpUpstreamPages;
import dev.hexsnap.diff.upstream.UpstreamPages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;


/**
 * The diff-checker's wiring: its settings, the clock, and the upstream client behind its
 * ceiling (lazy, so {@code hexsnap diff history} never builds one).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiffSettings.class)
class DiffConfiguration {

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    UpstreamPages upstreamPages(DiffSettings settings, PageInspector inspector) {
        DiffSettings.Upstream upstream = settings.upstream();
        return new HttpUpstreamPages(upstream, new RequestCeiling(upstream.requestsPerSecond(), upstream.maxConcurrent()),
                inspector);
    }
}
