package dev.hexsnap.diff.config;

import dev.hexsnap.core.upstream.CircuitBreaker;
import dev.hexsnap.core.upstream.RequestCeiling;
import dev.hexsnap.core.upstream.UpstreamClient;
import dev.hexsnap.core.upstream.UpstreamPages;
import dev.hexsnap.core.upstream.UpstreamSettings;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The diff-checker's wiring: its settings, the clock, and the upstream client behind its
 * ceiling (lazy, so {@code hexsnap diff history} never builds one).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiffSettings.class)
class DiffConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    UpstreamPages upstreamPages(DiffSettings settings, UpstreamContract contract, UpstreamSettings upstreamSettings) {
        DiffSettings.Upstream upstream = settings.upstream();
        // The crawl's stack (core's UpstreamClient): the diff's own ceilings and retries; its breaker
        // with the worker's defaults, so that a diff against a dead upstream stops instead of scoring it.
        UpstreamClient client = new UpstreamClient(UpstreamClient.httpClient(upstream.connectTimeout()),
                new RequestCeiling(upstream.requestsPerSecond(), upstream.maxConcurrent()),
                new CircuitBreaker(100, 20, 0.5, Duration.ofSeconds(5), Duration.ofMinutes(30)), upstream.requestTimeout(),
                new UpstreamClient.Retry(upstream.retries() + 1, upstream.retryBackoff(), 2.0, Duration.ofMinutes(1)),
                contract::carriesPage, contract.maxPageBytes(), upstream.acceptGzip());
        // Empty live pages are kept: the similarity scores them (LIVE_EMPTY) instead of retrying them.
        return new UpstreamPages(contract, client, URI.create(upstream.baseUrl()), upstreamSettings, false);
    }
}
