package dev.hexsnap.grid;

import com.sun.net.httpserver.HttpServer;
import dev.hexsnap.grid.points.PointSource;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails (database error while writing, Ctrl-C/SIGTERM while reading or while
 * writing) leaves the previous grid current and untouched, and nothing of its own visible.
 */
class FailedRunIntegrationTests {

    private static ThrowawayDatabase database;
    private static GridCli cli;
    private static List<Map<String, Object>> previousCells;
    private static Map<String, Object> previousCurrent;

    @BeforeAll
    static void buildAPreviousGrid() throws SQLException {
        database = ThrowawayDatabase.create("grid_failed_run");
        cli = new GridCli(database);
        GridCli.Run run = cli.run("build", "--sample");
        assertThat(run.status()).as(run.toString()).isZero();
        previousCurrent = rows("SELECT * FROM grid_current").getFirst();
        previousCells = cellsOf((String) previousCurrent.get("build_id"));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    @AfterEach
    void noTriggers() throws SQLException {
        execute("DROP TRIGGER IF EXISTS grid_cell_fails");
        execute("DROP TRIGGER IF EXISTS grid_cell_slow");
    }

    @Test
    void aDatabaseErrorWhileWritingLeavesThePreviousGrid() throws Exception {
        // given: the database refuses rows past the 2,500th of a resolution, after some batches went in
        execute("""
                CREATE TRIGGER grid_cell_fails BEFORE INSERT ON grid_cell FOR EACH ROW
                BEGIN
                  IF NEW.cell_seq >= 2500 THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk full (test)';
                  END IF;
                END""");

        // when: a different build (other thresholds) runs
        GridCli.Run run = cli.run("build", "--sample", "--top-share", "0.99", "--hexsnap.grid.insert-batch-size=500");

        // then
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        List<String> messages = run.err().lines().filter(l -> !l.startsWith("reading:") && !l.startsWith("writing:")).toList();
        assertThat(messages).singleElement().asString()
                .contains("hexsnap grid build: failed:", "disk full (test)", "the current grid is unchanged");
        assertPreviousGridIntact();
        Map<String, Object> failed = rows("SELECT * FROM grid_build WHERE status = 'FAILED'").getFirst();
        assertThat((String) failed.get("failure")).contains("disk full (test)");
        assertThat(cellsOf((String) failed.get("build_id"))).isEmpty();
    }

    @Test
    void aSecondBuildIsRefusedWhileOneIsWriting() throws Exception {
        // given: the grid-build lock held, as a running build holds it
        try (Connection running = database.connect(); Statement s = running.createStatement()) {
            s.executeQuery("SELECT GET_LOCK(CONCAT(DATABASE(), '.hexsnap-grid-build'), 0)").close();

            // when
            GridCli.Run run = cli.run("build", "--sample", "--min-count", "3");

            // then
            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("another grid build is writing to this database right now");
        }
        assertPreviousGridIntact();
    }

    @Test
    void sigtermWhileReadingLeavesThePreviousGrid() throws Exception {
        // given: points from a server that sends some, then stalls
        HttpServer server = stallingServer();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/heat.csv";

            // when: the program is stopped the way Ctrl-C or a service manager stops it
            Result result = runAndStop(List.of("build", "--cities", "shanghai", "--points", url), "reading:");

            // then
            assertThat(result.status).as(result.err).isNotZero();
            assertThat(result.err).contains("interrupted; nothing was made current, the current grid is unchanged");
            assertPreviousGridIntact();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sigtermWhileWritingLeavesThePreviousGridAndRemovesThePartialRows() throws Exception {
        // given: a database that takes its time over each row
        execute("CREATE TRIGGER grid_cell_slow BEFORE INSERT ON grid_cell FOR EACH ROW SET @hexsnap_slow = SLEEP(0.005)");

        // when
        Result result = runAndStop(List.of("build", "--sample", "--min-count", "2",
                "--hexsnap.grid.insert-batch-size=20"), "writing:");

        // then
        assertThat(result.status).as(result.err).isNotZero();
        assertThat(result.err).contains("interrupted; nothing was made current");
        assertPreviousGridIntact();
        execute("DROP TRIGGER IF EXISTS grid_cell_slow");
        List<Map<String, Object>> interrupted = rows("SELECT * FROM grid_build WHERE settings LIKE '%\"minCount\":2%'");
        assertThat(interrupted).singleElement().satisfies(build -> {
            assertThat(build.get("status")).isEqualTo("FAILED");
            assertThat(build.get("failure")).isEqualTo("interrupted");
        });
        assertThat(cellsOf((String) interrupted.getFirst().get("build_id"))).isEmpty();
    }

    private static void assertPreviousGridIntact() throws SQLException {
        Map<String, Object> current = rows("SELECT * FROM grid_current").getFirst();
        assertThat(current).isEqualTo(previousCurrent);
        assertThat(cellsOf((String) current.get("build_id"))).isEqualTo(previousCells);
    }

    private record Result(int status, String err) {
    }

    /** Runs the program in its own JVM, waits for {@code cue} on its stderr, then sends SIGTERM. */
    private static Result runAndStop(List<String> args, String cue) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"),
                GridBuilderApplication.class.getName()));
        command.addAll(args);
        command.add("--hexsnap.grid.progress-interval=100ms");
        command.addAll(List.of(database.springArguments()));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder err = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean stopped = false;
            while ((line = reader.readLine()) != null) {
                err.append(line).append('\n');
                if (!stopped && line.startsWith(cue)) {
                    // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C. Through the handle, because
                    // Process.destroy() also closes the streams we are still reading.
                    process.toHandle().destroy();
                    stopped = true;
                }
            }
            assertThat(stopped).as("saw '%s' on stderr:%n%s", cue, err).isTrue();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), err.toString());
    }

    /** Serves a few thousand points of the sample, then holds the connection open without sending more. */
    private static HttpServer stallingServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/heat.csv", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody();
                 InputStream sample = new java.util.zip.GZIPInputStream(
                         PointSource.class.getResourceAsStream(PointSource.SAMPLE_RESOURCE))) {
                out.write(sample.readNBytes(100_000));
                out.flush();
                Thread.sleep(30_000);
            } catch (InterruptedException | IOException e) {
                // the client went away
            }
        });
        server.start();
        return server;
    }

    private static List<Map<String, Object>> cellsOf(String buildId) throws SQLException {
        return rows("SELECT * FROM grid_cell WHERE build_id = '" + buildId + "' ORDER BY resolution, cell_id");
    }

    private static List<Map<String, Object>> rows(String sql) throws SQLException {
        return GridBuildIntegrationTests.rows(database, sql);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
