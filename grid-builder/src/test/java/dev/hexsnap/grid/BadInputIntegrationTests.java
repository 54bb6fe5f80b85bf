package dev.hexsnap.grid;

import com.sun.net.httpserver.HttpServer;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input through the real command line and database: counted and reported with line
 * numbers, fatal past the allowed share, and never written.
 */
class BadInputIntegrationTests {

    private static ThrowawayDatabase database;
    private static GridCli cli;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        database = ThrowawayDatabase.create("grid_bad_input");
        cli = new GridCli(database);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** {@code good} points around Shanghai's centre, then the bad lines, at the line numbers given. */
    private static String points(int good, String... bad) {
        SplittableRandom random = new SplittableRandom(good);
        StringBuilder text = new StringBuilder("lat,lng,count\n");
        for (int i = 0; i < good; i++) {
            text.append(String.format(Locale.ROOT, "%.6f,%.6f,%d%n", 31.1667 + random.nextDouble(-0.05, 0.05),
                    121.4667 + random.nextDouble(-0.05, 0.05), 1 + random.nextInt(5)));
        }
        for (String line : bad) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static long builds() throws SQLException {
        return (Long) GridBuildIntegrationTests.rows(database, "SELECT COUNT(*) AS n FROM grid_build").getFirst().get("n");
    }

    private static long cells() throws SQLException {
        return (Long) GridBuildIntegrationTests.rows(database, "SELECT COUNT(*) AS n FROM grid_cell").getFirst().get("n");
    }

    private GridCli.Run build(Path points, String... more) {
        String[] args = {"build", "--cities", "shanghai", "--radius-km", "10", "--points", points.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return cli.run(all);
    }

    @Test
    void aFewBadLinesAreSkippedAndReportedWithTheirLineNumbers() throws Exception {
        // lines: 1 header, 2-98 good, 99-101 bad
        Path points = file("few-bad.csv", points(97, "31.2,121.4,-1", "91,121.4", "north,east"));

        GridCli.Run run = build(points, "--max-bad-share", "0.05");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("100 points, 97 valid, 3 bad", "3.000% skipped",
                "line 99: count must be within", "line 100: latitude 91.0 is outside [-90, 90]",
                "line 101: latitude is not a number");
    }

    @Test
    void pastTheAllowedShareOfBadLinesNothingIsWritten() throws Exception {
        long buildsBefore = builds();
        long cellsBefore = cells();
        Path points = file("many-bad.csv", points(95, "31.2,NaN", "31.2,121.4,1,2", "31.2", "", "31.2,121.4,x", "1e9,2"));

        GridCli.Run run = build(points);

        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("5 of 100 lines are bad (5.00%, more than --max-bad-share 1.00%); nothing written",
                "line 97: longitude is not a number", "line 98: expected lat,lng[,count]");
        assertThat(builds()).isEqualTo(buildsBefore);
        assertThat(cells()).isEqualTo(cellsBefore);
    }

    @Test
    void anEmptyInputIsAClearError() throws Exception {
        GridCli.Run empty = build(file("empty.csv", ""));
        GridCli.Run headerOnly = build(file("header.csv", "lat,lng,count\n\n# nothing yet\n"));

        for (GridCli.Run run : new GridCli.Run[]{empty, headerOnly}) {
            assertThat(run.status()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("no points (the input has no data lines)");
        }
    }

    @Test
    void pointsThatAllFallOutsideTheRegionsAreAClearError() throws Exception {
        Path beijing = file("beijing.csv", "39.90,116.40,3\n39.91,116.41,1\n");

        GridCli.Run run = build(beijing);

        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("none of the 4 requests falls in the regions (shanghai) at resolution 7");
    }

    @Test
    void thresholdsThatKeepNothingAreAClearError() throws Exception {
        GridCli.Run run = build(file("cold.csv", points(20)), "--min-count", "1000000");

        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--min-count 1,000,000 leaves no hot cell at resolution 7");
    }

    @Test
    void aTruncatedGzipIsBadInputAndWritesNothing() throws Exception {
        long buildsBefore = builds();
        byte[] whole = gzip(points(20_000));
        Path truncated = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length / 2));

        GridCli.Run run = build(truncated);

        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("ends early (truncated gzip?)");
        assertThat(builds()).isEqualTo(buildsBefore);
    }

    @Test
    void pointsServedOverHttpBuildTheSameGridAsTheSameFileAndA404IsBadInput() throws Exception {
        String content = points(500);
        byte[] body = gzip(content);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/heat.csv.gz", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();

            GridCli.Run fromFile = build(file("same.csv", content));
            GridCli.Run fromHttp = cli.run("build", "--cities", "shanghai", "--radius-km", "10", "--points", url + "/heat.csv.gz");
            GridCli.Run missing = cli.run("build", "--cities", "shanghai", "--points", url + "/nothing.csv");

            assertThat(fromFile.status()).as(fromFile.toString()).isZero();
            assertThat(fromHttp.status()).as(fromHttp.toString()).isZero();
            assertThat(buildId(fromHttp)).isEqualTo(buildId(fromFile));
            assertThat(fromHttp.out()).contains("was already current");
            assertThat(missing.status()).isEqualTo(2);
            assertThat(missing.err()).contains("answered HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBadSettingIsNamedInOneLine() {
        GridCli.Run run = cli.run("build", "--sample", "--hexsnap.grid.hotspot-candidates=500");

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.err().strip().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("failed: cannot start:", "hexsnap.grid.hotspot-candidates must be within [1, 64]");
    }

    private static String buildId(GridCli.Run run) {
        return run.out().lines().filter(l -> l.startsWith("Build id:")).findFirst().orElseThrow().substring(9).strip();
    }

    private static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
