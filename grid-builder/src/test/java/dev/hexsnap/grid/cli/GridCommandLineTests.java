package dev.hexsnap.grid.cli;

import dev.hexsnap.grid.GridBuilderApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command line decides before any database is involved: help, and one-line errors
 * with exit status 2. Every run here points Spring at a port where nothing listens, so a
 * test that reached the database would fail with status 1.
 */
class GridCommandLineTests {

    private static final String NO_DATABASE = "--spring.datasource.url=jdbc:mysql://127.0.0.1:1/nothing";

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(NO_DATABASE);
        int status = new GridCommandLine(GridBuilderApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpAtEveryLevel() {
        Run top = run("--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).contains("Usage: hexsnap grid <command>", "build", "status", "list");

        Run build = run("build", "--help");
        assertThat(build.status()).isZero();
        assertThat(build.out()).contains("--cities LIST", "--points FILE|URL|-", "--top-share S", "--max-bad-share S",
                "--sample", "(default: 7,8)");

        assertThat(run("status", "--help").out()).contains("--build ID");
        assertThat(run("list", "--help").out()).contains("--limit N");
        assertThat(run().out()).contains("Usage: hexsnap grid <command>");
    }

    @Test
    void anUnknownCityIsAOneLineErrorWithSuggestions() {
        Run run = run("build", "--cities", "shanghai,shenzen", "--sample");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("unknown city 'shenzen'").contains("shenzhen");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageMistakesAreOneLineErrorsWithStatusTwo() {
        assertUsage(run("build", "--cities", "shanghai"), "missing --points");
        assertUsage(run("build", "--sample", "--points", "x.csv"), "not both");
        assertUsage(run("build", "--points", dir.resolve("missing.csv").toString(), "--cities", "shanghai"),
                "no such file");
        assertUsage(run("build", "--sample", "--regions", dir.resolve("missing.geojson").toString()), "no such file");
        assertUsage(run("build", "--sample", "--resolutions", "7,16"), "within [0, 15]");
        assertUsage(run("build", "--sample", "--resolutions", "7,7"), "twice");
        assertUsage(run("build", "--sample", "--top-share", "0"), "more than 0");
        assertUsage(run("build", "--sample", "--top-share", "1.5"), "--top-share must be within");
        assertUsage(run("build", "--sample", "--min-count", "-1"), "--min-count must be within");
        assertUsage(run("build", "--sample", "--max-bad-share", "lots"), "--max-bad-share must be a number");
        assertUsage(run("build", "--sample", "--radius-km", "900"), "--radius-km must be within");
        assertUsage(run("build", "--sample", "--colour", "red"), "unknown option --colour");
        assertUsage(run("rebuild"), "unknown command 'rebuild'");
        assertUsage(run("list", "--limit", "0"), "--limit must be within");
    }

    @Test
    void aBrokenRegionsFileIsNamedInOneLine() throws Exception {
        Path regions = Files.writeString(dir.resolve("bad.geojson"), "{\"type\": \"FeatureCollection\", \"features\": [}");

        Run run = run("build", "--sample", "--regions", regions.toString());

        assertUsage(run, "bad.geojson is not valid JSON");
    }

    @Test
    void withGoodArgumentsItGetsAsFarAsTheDatabaseAndSaysSoInOneLine() {
        Run run = run("build", "--sample");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("hexsnap grid build: failed: cannot reach the database jdbc:mysql://127.0.0.1:1/nothing");
    }

    private static void assertUsage(Run run, String message) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }
}
