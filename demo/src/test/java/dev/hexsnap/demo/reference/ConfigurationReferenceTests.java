package dev.hexsnap.demo.reference;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md is the configuration reference: it must list every {@code hexsnap.*}
 * property every program declares, with its default and description, exactly as the
 * configuration metadata the build generates from the settings records says. When a setting
 * changes, regenerate it with
 * {@code ./mvnw -pl demo -am test -Dtest=ConfigurationReferenceTests -Dhexsnap.update-docs=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ConfigurationReferenceTests {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Map<String, String> MODULES = Map.of(
            "clock", "core: the clock (every program)",
            "redis", "core: Redis (every program that reads or writes snapshots)",
            "grid", "grid-builder (`./hexsnap grid`)",
            "upstream", "the page upstream: the contract every stage asks pages through (`contract`, `account`, `page-size`), and the demo upstream (`./hexsnap upstream`)",
            "worker", "snapshot-worker (`./hexsnap worker`)",
            "api", "fallback-api (`./hexsnap api`)",
            "diff", "diff-checker (`./hexsnap diff`)");

    @Test
    void theReferenceListsEveryPropertyWithItsDefaultAndDescription() throws IOException {
        String expected = render(properties());

        if (Boolean.getBoolean("hexsnap.update-docs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date; regenerate it (see this test's Javadoc)")
                .isEqualTo(expected);
    }

    @Test
    void everyProgramDeclaresItsSettings() throws IOException {
        Map<String, Map<String, JsonNode>> byGroup = properties();

        assertThat(byGroup.keySet()).containsAll(MODULES.keySet());
        byGroup.values().forEach(props -> props.forEach((name, p) ->
                assertThat(p.path("description").asString("")).as("description of %s", name).isNotBlank()));
    }

    /** hexsnap.* properties from every module's configuration metadata, by second name segment. */
    private static Map<String, Map<String, JsonNode>> properties() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Map<String, JsonNode>> byGroup = new TreeMap<>();
        List<URL> files = new java.util.ArrayList<>();
        for (String resource : List.of("META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json")) {
            files.addAll(Collections.list(ConfigurationReferenceTests.class.getClassLoader().getResources(resource)));
        }
        for (URL url : files) {
            try (InputStream in = url.openStream()) {
                for (JsonNode p : json.readTree(in).path("properties")) {
                    String name = p.path("name").asString();
                    if (name.startsWith("hexsnap.")) {
                        byGroup.computeIfAbsent(name.split("\\.")[1], g -> new TreeMap<>()).put(name, p);
                    }
                }
            }
        }
        return byGroup;
    }

    private static String render(Map<String, Map<String, JsonNode>> byGroup) {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Configuration reference

                Every setting of every hexsnap program, its default and what it changes. Generated from
                the settings records' documentation (one `@ConfigurationProperties` record per module);
                `ConfigurationReferenceTests` keeps this page and the code in step.

                Give a setting in any of these ways (later ones win):

                1. the defaults below (and `hexsnap-defaults.properties` in core for the shared Spring ones);
                2. an environment variable: upper case, `.` and `-` become `_` and are dropped respectively,
                   e.g. `HEXSNAP_REDIS_NODES`, `HEXSNAP_WORKER_UPSTREAM_BASE_URL`;
                3. a command-line argument `--name=value`, e.g. `./hexsnap worker run --hexsnap.worker.job.cell-chunk-size=20`.

                Durations take units (`500ms`, `30s`, `5m`, `2h`, `7d`); sizes take `KB`, `MB`.

                ## Shared Spring settings (every program that uses MySQL)

                | property | default | environment | what it changes |
                |---|---|---|---|
                | `spring.datasource.url` | `jdbc:mysql://127.0.0.1:3306/hexsnap?createDatabaseIfNotExist=true&rewriteBatchedStatements=true&...` | `SPRING_DATASOURCE_URL` | the MySQL 8 / MariaDB 10.11 database; keep `rewriteBatchedStatements=true` |
                | `spring.datasource.username` | `root` | `SPRING_DATASOURCE_USERNAME` | database user |
                | `spring.datasource.password` | (empty) | `SPRING_DATASOURCE_PASSWORD` | database password; pass it through the environment |
                | `spring.flyway.locations` | `classpath:db/hexsnap` | | the DDL of `sql/`, applied by every program at start |
                | `spring.batch.jdbc.isolation-level-for-create` | `read_committed` | | SERIALIZABLE deadlocks concurrent launches on InnoDB |
                | `server.port` | per program | `SERVER_PORT` | HTTP port of the upstream and the API (also `--port`) |
                | `logging.level.*` | `INFO` | `LOGGING_LEVEL_ROOT` | log levels |
                """);
        for (Map.Entry<String, Map<String, JsonNode>> group : byGroup.entrySet()) {
            md.append("\n## `hexsnap.").append(group.getKey()).append(".*`: ")
                    .append(MODULES.getOrDefault(group.getKey(), group.getKey())).append("\n\n");
            md.append("| property | default | environment | what it changes |\n|---|---|---|---|\n");
            for (JsonNode p : group.getValue().values()) {
                String name = p.path("name").asString();
                JsonNode defaultValue = p.path("defaultValue");
                String shownDefault = defaultValue.isMissingNode() || defaultValue.isNull() ? "" : render(defaultValue);
                md.append("| `").append(name).append("` | ")
                        .append(shownDefault.isEmpty() ? "(none)" : "`" + shownDefault + "`").append(" | `")
                        .append(name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "")).append("` | ")
                        .append(clean(p.path("description").asString(""))).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String render(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            value.forEach(v -> items.add(v.asString()));
            return String.join(",", items);
        }
        return value.asString();
    }

    private static String clean(String javadoc) {
        return javadoc.replaceAll("\\{@(?:code|link) ([^}]*)}", "`$1`").replaceAll("\\s+", " ").replace("|", "\\|").trim();
    }
}
