package dev.hexsnap.api.config;

import dev.hexsnap.api.callers.CallerGate;
import dev.hexsnap.api.direct.DirectDispatchFilter;
import dev.hexsnap.api.direct.DirectRoute;
import dev.hexsnap.api.error.ApiErrorReportValve;
import dev.hexsnap.api.health.ApiMetrics;
import dev.hexsnap.api.health.SnapshotsHealthIndicator;
import dev.hexsnap.api.negotiation.Negotiation;
import dev.hexsnap.api.negotiation.SnapshotResponder;
import dev.hexsnap.api.negotiation.SnapshotServing;
import dev.hexsnap.api.ops.OpsToken;
import dev.hexsnap.api.rollout.Rollout;
import dev.hexsnap.api.source.BodyFiles;
import dev.hexsnap.api.source.GenerationPointers;
import dev.hexsnap.api.source.HotEntryCache;
import dev.hexsnap.api.source.SnapshotReader;
import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.api.warmup.CacheWarmer;
import dev.hexsnap.core.redis.RedisSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import jakarta.servlet.Filter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The beans the features share. The Redis connection is the API's own (fail-fast, connected in
 * the background), not core's lazy {@code RedisKeyValue} bean, so that the API starts and
 * answers 503 while Redis is down.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSettings.class)
class ApiConfiguration {

    /**
     * How long a body file outlives its entry's leaving the hot cache: an answer handed the file
     * opens it within microseconds; a minute leaves room for a stalled thread.
     */
    private static final Duration BODY_FILE_GRACE = Duration.ofMinutes(1);

    @Bean(initMethod = "start", destroyMethod = "close")
    SnapshotSource snapshotSource(RedisSettings redis, ApiSettings settings) {
        return new SnapshotSource(redis.forServing(settings.redisTimeout()), settings.reconnectInterval());
    }

    @Bean
    HotEntryCache hotEntryCache(ApiSettings settings, MeterRegistry registry, ObjectProvider<BodyFiles> bodyFiles) {
        HotEntryCache cache = HotEntryCache.of(settings.hotCacheSize(), bodyFiles.getIfAvailable());
        cache.bindTo(registry);
        return cache;
    }

    /** The hot entries' gzip bodies as files, for sendfile (hexsnap.api.sendfile). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hexsnap.api.sendfile", havingValue = "true", matchIfMissing = true)
    BodyFiles bodyFiles() {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return BodyFiles.under(parent, BODY_FILE_GRACE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the body files' directory under " + parent + " (" + e
                    + "): give java.io.tmpdir a writable directory, or set hexsnap.api.sendfile=false", e);
        }
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    GenerationPointers generationPointers(SnapshotSource source, ApiSettings settings, HotEntryCache cache) {
        GenerationPointers pointers = new GenerationPointers(source, settings.zone(), settings.dayStarts(),
                settings.nightStarts(), settings.refreshInterval());
        pointers.onChange(cache::clear);
        return pointers;
    }

    /** Warms the hot cache from the grid's request counts after every generation change (hexsnap.api.warm-up). */
    @Bean(initMethod = "start", destroyMethod = "close")
    CacheWarmer cacheWarmer(SnapshotSource source, GenerationPointers pointers, HotEntryCache cache, ApiSettings settings,
                            Clock clock) {
        ApiSettings.WarmUp warmUp = settings.warmUp();
        return new CacheWarmer(source, pointers, cache, settings.resolution(), warmUp.enabled(), warmUp.rate(),
                warmUp.pages(), settings.refreshInterval(), clock);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    Rollout rollout(SnapshotSource source, ApiSettings settings) {
        return new Rollout(source, settings.refreshInterval());
    }

    @Bean
    SnapshotReader snapshotReader(SnapshotSource source, HotEntryCache cache) {
        return new SnapshotReader(source, cache);
    }

    @Bean
    ApiMetrics apiMetrics(MeterRegistry registry, SnapshotSource source, GenerationPointers pointers, Clock clock) {
        return new ApiMetrics(registry, source, pointers, clock);
    }

    @Bean
    SnapshotServing snapshotServing(GenerationPointers pointers, SnapshotSource source, Rollout rollout,
                                    ApiSettings settings, HotEntryCache cache, Clock clock) {
        SnapshotResponder responder = new SnapshotResponder(new Negotiation(settings.clientCacheMaxAge()), cache);
        return new SnapshotServing(pointers, source, rollout, responder, settings.clockSkew(), clock);
    }

    @Bean
    SnapshotsHealthIndicator snapshotsHealthIndicator(SnapshotSource source, GenerationPointers pointers,
                                                      CacheWarmer warmer, ApiSettings settings, Clock clock) {
        return new SnapshotsHealthIndicator(source, pointers, warmer, settings.staleAfter(), clock);
    }

    @Bean
    WebMvcConfigurer apiInterceptors(ApiMetrics metrics, ApiSettings settings) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(metrics).addPathPatterns("/v1/**");
                if (settings.opsEnabled()) {
                    registry.addInterceptor(new OpsToken(settings.opsToken())).addPathPatterns("/ops/**");
                }
            }
        };
    }

    /**
     * The direct dispatch of snapshot requests, first of all filters so that a request it serves
     * pays for no other (see {@link DirectDispatchFilter}). Registered for {@code /v1/snapshots/*}
     * only; errors go through the same exception resolver as the controllers'.
     */
    @Bean
    @ConditionalOnProperty(name = "hexsnap.api.direct-dispatch", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<DirectDispatchFilter> directDispatchFilter(
            List<DirectRoute> routes, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver,
            ApiMetrics metrics) {
        FilterRegistrationBean<DirectDispatchFilter> registration =
                new FilterRegistrationBean<>(new DirectDispatchFilter(routes, exceptionResolver, metrics));
        registration.addUrlPatterns("/v1/snapshots/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * The caller tokens and request limits of the snapshot endpoints ({@link CallerGate}), in front
     * of the direct dispatch; registered disabled when neither is configured, so that an API
     * without them pays nothing per request.
     */
    @Bean
    FilterRegistrationBean<Filter> callerGate(ApiSettings settings,
                                              @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver,
                                              MeterRegistry registry) {
        ApiSettings.Callers callers = settings.callers();
        CallerGate gate = CallerGate.of(callers.tokens(), callers.rateLimit(), callers.burst(), exceptionResolver, registry);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                gate != null ? gate : (request, response, chain) -> chain.doFilter(request, response));
        registration.setEnabled(gate != null);
        registration.addUrlPatterns("/v1/snapshots/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Keeps an encoded slash ({@code %2F}) inside its path segment instead of refusing the whole
     * request at the connector (Tomcat's default answers with an HTML page): the id then reaches
     * the handler, which refuses it with a JSON 400 naming the parameter.
     *
     * <p>Widens the socket write buffer: a home page is ~100 KB of gzip, which Tomcat's default
     * 8 KB buffer would send in a dozen writes; 128 KB sends it in one. And makes that buffer
     * direct: the JDK copies a heap buffer into a temporary direct one on every socket write, a
     * second copy of the whole body per answer (~3 % of the API's CPU at saturation, measured).
     * Cost: up to 136 KB (8 KB read + 128 KB write) of direct memory per open connection,
     * instead of the same amount of heap.
     */
    @Bean
    TomcatConnectorCustomizer connectorTuning() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setProperty("socket.appWriteBufSize", "131072");
            connector.setProperty("socket.directBuffer", "true");
        };
    }

    /**
     * Puts {@link ApiErrorReportValve} on the host in place of Tomcat's HTML error report, so
     * that what the connector refuses before any servlet (bad characters in the request line,
     * URI or headers beyond the limits, a method that is not a token) is the same JSON error as
     * everything else. Boot's own customizer adds a plain {@code ErrorReportValve} to the host
     * (without server info and report); this one runs after it (lowest precedence), takes that
     * valve out and names its own class as the host's error report valve, so that Tomcat does not
     * add another at start.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReport() {
        return new ErrorReportInstaller();
    }

    /** Ordered by implementing {@link Ordered}: the customizers' post-processor does not read {@code @Order} on bean methods. */
    private static final class ErrorReportInstaller implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    ApiErrorReportValve valve = new ApiErrorReportValve();
                    host.setErrorReportValveClass(valve.getClass().getName());
                    host.getPipeline().addValve(valve);
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    @Bean
    OpenApiCustomizer snapshotEndpointsDocumentation() {
        return new SnapshotEndpointsDocumentation();
    }

    @Bean
    OpenAPI openApi(ObjectProvider<ApiSettings> settings) {
        return new OpenAPI()
                .info(new Info().title("hexsnap fallback API").version("v1")
                        .description("Published LBS snapshots for SOA services whose upstream returned nothing. "
                                + "Every answer says which generation, slot, cell and fallback served it and how old it is; "
                                + "send X-Client-Cache / X-Client-Cached-At / If-None-Match to get 304 when your copy will do."))
                .components(new Components().addSecuritySchemes("ops-token",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
    }
}
