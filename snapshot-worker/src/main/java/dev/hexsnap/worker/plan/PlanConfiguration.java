package dev.hexsnap.worker.plan;

import dev.hexsnap.worker.config.WorkerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wiring of {@code ./hexsnap worker plan}. */
@Configuration(proxyBeanMethods = false)
public class PlanConfiguration {

    @Bean
    PlanCommand planCommand(JdbcTemplate jdbc, WorkerSettings settings) {
        return new PlanCommand(jdbc, settings);
    }
}
