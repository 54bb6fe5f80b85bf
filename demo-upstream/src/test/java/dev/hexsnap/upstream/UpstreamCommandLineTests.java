package dev.hexsnap.upstream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamCommandLineTests {

    @TempDir
    Path folder;

    @Test
    void heatWritesAGzipCsvTheGridBuilderReads() throws Exception {
        Path out = folder.resolve("heat.csv.gz");

        int status = run("heat", "--cities", "shanghai,suzhou", "--points", "2500", "--out", out.toString());

        assertThat(status).isZero();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(out)), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("lat,lng,count");
            assertThat(reader.lines().count()).isEqualTo(2500);
        }
        assertThat(Files.list(folder)).containsExactly(out);
    }

    @Test
    void badUsageExitsWithTwoAndOneLine() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("heat", "--points", "ten", "--out", folder.resolve("x.csv").toString())).isEqualTo(2);
            assertThat(run("heat", "--points", "10", "--out", folder.resolve("x.csv").toString(), "--cities", "atlantis")).isEqualTo(2);
            assertThat(run("heat", "--points", "10", "--out", folder.resolve("missing/x.csv").toString())).isEqualTo(2);
            assertThat(run("fly")).isEqualTo(2);
            assertThat(run("serve", "--gis-grid", "hexagon")).isEqualTo(2);
            assertThat(run("serve", "--gis-precision", "13")).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--points must be a whole number").contains("unknown city 'atlantis'")
                .contains("does not exist").contains("unknown command 'fly'").contains("--gis-grid must be geohash or exact, got 'hexagon'")
                .contains("--gis-precision").doesNotContain("Exception");
        assertThat(Files.exists(folder.resolve("x.csv"))).isFalse();
    }

    @Test
    void helpIsShownAtEveryLevel() {
        assertThat(run("--help")).isZero();
        assertThat(run("heat", "--help")).isZero();
        assertThat(run("serve", "--help")).isZero();
    }

    static int run(String... args) {
        return UpstreamCommandLine.run(args);
    }
}
