package dev.hexsnap.demo.testservices;

import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/ensure-services} (what {@code ./hexsnap test} runs first) never weakens a
 * server it did not start: given a MariaDB whose root needs a password, it leaves every user
 * as it was and hands the tests a private MariaDB of its own instead.
 */
class EnsureServicesIntegrationTests {

    private static final Path SCRIPT = Path.of("..", "scripts", "ensure-services");
    private static final String SECRET = "it-only-" + UUID.randomUUID();

    @Test
    void aMariaDbWhoseRootNeedsAPasswordKeepsItsUsersAndTheTestsGetAPrivateOne() throws Exception {
        Path home = Path.of("target", "ensure-services-it-" + UUID.randomUUID()).toAbsolutePath();
        // A server of this test's own, started the way ensure-services starts private ones.
        Run started = ensureServices(Map.of("HEXSNAP_TEST_PRIVATE_SERVICES", "true",
                "HEXSNAP_PRIVATE_SERVICES_DIR", home.resolve("guarded").toString()), "--no-browser");
        assertThat(started.exit()).as(started.err()).isZero();
        String guardedUrl = started.settings().get("HEXSNAP_TEST_MYSQL_URL");
        String guardedPort = guardedUrl.substring("jdbc:mysql://127.0.0.1:".length(), guardedUrl.length() - 1);
        try {
            // given: a server of this test's own whose root accounts all need a password
            try (Connection c = DriverManager.getConnection(guardedUrl, "root", ""); Statement s = c.createStatement()) {
                List<String> roots = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select Host from mysql.user where User = 'root'")) {
                    while (rs.next()) {
                        roots.add(rs.getString(1));
                    }
                }
                assertThat(roots).isNotEmpty();
                for (String host : roots) {
                    s.execute("alter user 'root'@'" + host + "' identified by '" + SECRET + "'");
                }
            }
            Map<String, List<String>> before = accounts(guardedUrl);
            assertThat(before.get("mysql.user")).anyMatch(row -> row.startsWith("localhost|root|"));

            // when
            Run run = ensureServices(Map.of(
                    "HEXSNAP_TEST_MYSQL_URL", guardedUrl,
                    "HEXSNAP_TEST_MYSQL_USER", "root",
                    "HEXSNAP_TEST_REDIS", TestServices.REDIS,
                    "HEXSNAP_PRIVATE_SERVICES_DIR", home.resolve("private").toString()), "--no-browser");
            try {
                // then: the guarded server's accounts are exactly as they were
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(accounts(guardedUrl)).isEqualTo(before);

                // and the tests are pointed at a private server that takes the test credentials
                Map<String, String> settings = run.settings();
                assertThat(settings).containsEntry("HEXSNAP_TEST_MYSQL_PRIVATE", "true")
                        .containsEntry("HEXSNAP_TEST_MYSQL_USER", "root")
                        .containsEntry("HEXSNAP_TEST_MYSQL_PASSWORD", "");
                String privateUrl = settings.get("HEXSNAP_TEST_MYSQL_URL");
                assertThat(privateUrl).startsWith("jdbc:mysql://127.0.0.1:").isNotEqualTo(guardedUrl);
                try (Connection c = DriverManager.getConnection(privateUrl, "root", "");
                     ResultSet rs = c.createStatement().executeQuery("select @@port")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(privateUrl).isEqualTo("jdbc:mysql://127.0.0.1:" + rs.getInt(1) + "/");
                }
                assertThat(run.err()).contains("tests use MariaDB " + privateUrl.substring(13, privateUrl.length() - 1)
                        + " (private, because root cannot log in to 127.0.0.1:" + guardedPort);
            } finally {
                stopPrivate(home.resolve("private"));
            }
        } finally {
            stopPrivate(home.resolve("guarded"));
        }
    }

    private static void stopPrivate(Path dir) throws Exception {
        assertThat(ensureServices(Map.of("HEXSNAP_PRIVATE_SERVICES_DIR", dir.toString()), "--stop-private").exit()).isZero();
    }

    /** Every row of mysql.user and mysql.global_priv (where MariaDB keeps the credentials), as text. */
    private static Map<String, List<String>> accounts(String url) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, "root", SECRET); Statement s = c.createStatement()) {
            for (String table : List.of("mysql.user", "mysql.global_priv")) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select * from " + table + " order by Host, User")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(i > 1 ? "|" : "").append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    private record Run(int exit, String out, String err) {
        Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>();
            out.lines().map(l -> l.split("=", 2)).forEach(kv -> settings.put(kv[0], kv.length > 1 ? kv[1] : ""));
            return settings;
        }
    }

    private static Run ensureServices(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("HEXSNAP_TEST_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ensure-services finished").isTrue();
        return new Run(process.exitValue(), out, err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
