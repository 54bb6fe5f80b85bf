package dev.hexsnap.demo;

import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-command pipeline end to end on a small world against the real MariaDB and Redis
 * (a throw-away database and key namespace), every stage as its own program; then the outage
 * drill on what it built: no request may end without a page.
 */
class DemoIntegrationTests {

    private static ThrowawayDatabase database;
    private static String namespace;
    private static Path home;

    @BeforeAll
    static void services() {
        System.setProperty("hexsnap.root", Path.of("..").toAbsolutePath().normalize().toString());
        database = ThrowawayDatabase.create("demo");
        namespace = TestNamespaces.fresh();
        home = Path.of("target", "it-demo-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    }

    @AfterAll
    static void cleanUp() {
        database.close();
        TestNamespaces.clear(namespace);
    }

    @Test
    void theWholePipelineRunsInOneCommandAndTheDrillFindsNoRequestWithoutAPage() throws Exception {
        // when: the main job runs on two cities
        Run demo = run("demo", "--exit", "--cells-per-city", "3");

        // then: every stage ran, a generation was published and the diff wrote its report
        assertThat(demo.status).as(demo.output).isZero();
        assertThat(demo.output).contains("== 6/6 diff", "day generation ", "report: ",
                "curl -si 'http://127.0.0.1:");
        Matcher report = Pattern.compile("report: (\\S+report\\.html)").matcher(demo.output);
        assertThat(report.find()).isTrue();
        assertThat(Path.of(report.group(1))).exists();
        assertThat(Files.readString(Path.of(report.group(1)).resolveSibling("report.json"))).contains("\"recommendation\"");

        // when: the drill runs on what the demo built
        Run drill = run("drill", "--phase-seconds", "4", "--rate", "25", "--users", "200");

        // then: the first run's work is reused and every request got a page, from all three sources
        assertThat(drill.status).as(drill.output).isZero();
        assertThat(drill.output).contains("reusing request heat", "already published: reusing it",
                "PASS: all", "live", "empty", "outage", "recovered");
        PhaseTotals empty = PhaseTotals.of(drill.output, "empty");
        PhaseTotals outage = PhaseTotals.of(drill.output, "outage");
        PhaseTotals live = PhaseTotals.of(drill.output, "live");
        assertThat(live.live).isPositive();
        assertThat(empty.live).isZero();
        assertThat(outage.live).isZero();
        assertThat(outage.snapshot).isPositive();
        assertThat(outage.clientCache).isPositive();
        assertThat(empty.none + outage.none + live.none).isZero();
    }

    private static Run run(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--cities", "2", "--points", "40000", "--store-scale", "0.15",
                "--home-page-bytes", "20000", "--channel-page-bytes", "15000", "--home", home.toString(),
                "--upstream-port", "18081", "--api-port", "18080",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--hexsnap.redis.nodes=" + TestServices.REDIS,
                "--hexsnap.redis.namespace=" + namespace));
        args.addAll(List.of(extra));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = DemoProgram.execute(args.toArray(String[]::new), out, out);
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        return new Run(status, output);
    }

    record Run(int status, String output) {
    }

    /** A row of the drill's per-phase table: reqs, live, snapshot, client, none. */
    record PhaseTotals(long requests, long live, long snapshot, long clientCache, long none) {
        static PhaseTotals of(String output, String phase) {
            Matcher m = Pattern.compile("^\\s+" + phase + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE)
                    .matcher(output.substring(output.indexOf("Per phase:")));
            assertThat(m.find()).as("per-phase row of %s", phase).isTrue();
            return new PhaseTotals(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
        }
    }
}
