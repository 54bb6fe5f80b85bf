package dev.hexsnap.core.config;

import dev.hexsnap.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hexsnap program applies sql/ itself, through Flyway, on the real MariaDB; starting it
 * again changes nothing.
 */
class SchemaIntegrationTests {

    private final ThrowawayDatabase database = ThrowawayDatabase.create("schema");

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void startingAProgramTwiceAppliesTheSchemaOnce() {
        try (ConfigurableApplicationContext first = start()) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(tables(jdbc)).contains("grid_build", "grid_cell", "grid_current",
                    "BATCH_JOB_INSTANCE", "BATCH_STEP_EXECUTION", "BATCH_JOB_INSTANCE_SEQ");
            assertThat(jdbc.queryForObject("select count(*) from BATCH_JOB_INSTANCE_SEQ", Integer.class)).isEqualTo(1);
        }
        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            Integer applied = jdbc.queryForObject("select count(*) from hexsnap_schema_history where success = 1", Integer.class);
            assertThat(applied).isGreaterThanOrEqualTo(2);
            assertThat(jdbc.queryForObject("select count(*) from BATCH_JOB_INSTANCE_SEQ", Integer.class)).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MinimalProgram.class)
                .web(WebApplicationType.NONE)
                .run(database.springArguments());
    }

    private static java.util.List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("select table_name from information_schema.tables where table_schema = database()", String.class);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class MinimalProgram {
    }
}
