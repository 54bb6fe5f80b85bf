package dev.hexsnap.upstream;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

import java.util.Map;

/**
 * The demo upstream's Spring configuration. It imports exactly the auto-configuration a web
 * app needs instead of enabling all of it: the upstream also runs inside other modules' tests
 * ({@link DemoUpstream}), whose class paths hold JDBC, Flyway, Batch and Redis, and it must not
 * start any of those.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class})
@ComponentScan(basePackages = {"dev.hexsnap.upstream.config", "dev.hexsnap.upstream.web"})
public class UpstreamApplication {

    /** Settings every run starts from (lowest precedence: anything configured wins). */
    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.application.name", "hexsnap-demo-upstream",
            "spring.main.banner-mode", "off",
            // Requests run on virtual threads: an injected hang or latency costs no platform thread.
            "spring.threads.virtual.enabled", "true",
            "server.port", "8081",
            "server.address", "127.0.0.1",
            // Hanging drill requests must not hold a stop up for the graceful-shutdown timeout.
            "server.shutdown", "immediate",
            "server.error.include-stacktrace", "never",
            "server.error.include-message", "never");
}
