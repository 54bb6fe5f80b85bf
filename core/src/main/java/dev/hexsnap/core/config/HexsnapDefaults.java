package dev.hexsnap.core.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds {@code hexsnap-defaults.properties} (the shared database, Flyway and Batch settings)
 * with the lowest precedence, so every program starts from the same defaults and anything
 * an operator sets (file, environment, command line) wins.
 */
public class HexsnapDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "hexsnap-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("hexsnapDefaults", new ClassPathResource(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
