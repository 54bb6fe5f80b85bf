package dev.hexsnap.grid.points;

import com.sun.net.httpserver.HttpServer;
import dev.hexsnap.core.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointStreamTests {

    private static final String CSV = """
            lat,lng,count
            31.2,121.4,3

            # a comment
            31.3,121.5
            91,121.5,1
            31.4,abc
            31.5,121.6,2""";

    @TempDir
    Path dir;

    @Test
    void readsPointsSkipsHeaderBlanksAndCommentsAndCountsBadLinesWithTheirNumbers() throws Exception {
        Path file = write("points.csv", CSV.getBytes(StandardCharsets.UTF_8));

        Read read = readAll(PointSource.of(file.toString()));

        assertThat(read.points).containsExactly("31.2,121.4,3", "31.3,121.5,1", "31.5,121.6,2");
        ReadSummary summary = read.summary;
        assertThat(summary.lines()).isEqualTo(5);
        assertThat(summary.valid()).isEqualTo(3);
        assertThat(summary.bad()).isEqualTo(2);
        assertThat(summary.requests()).isEqualTo(6);
        assertThat(summary.firstBad()).extracting(BadLine::line).containsExactly(6L, 7L);
        assertThat(summary.firstBad().getFirst().toString()).isEqualTo("line 6: latitude 91.0 is outside [-90, 90]");
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesAndHashesLikeThePlainContent() throws Exception {
        Path plain = write("points.csv", CSV.getBytes(StandardCharsets.UTF_8));
        Path gzip = write("points.data", gzip(CSV.getBytes(StandardCharsets.UTF_8)));

        Read fromPlain = readAll(PointSource.of(plain.toString()));
        Read fromGzip = readAll(PointSource.of(gzip.toString()));

        assertThat(fromGzip.points).isEqualTo(fromPlain.points);
        assertThat(fromGzip.summary.sha256()).isEqualTo(fromPlain.summary.sha256()).hasSize(64);
    }

    @Test
    void concatenatedGzipMembersAreAllRead() throws Exception {
        byte[] both = concat(gzip("31.2,121.4\n".getBytes(StandardCharsets.UTF_8)),
                gzip("31.3,121.5\n".getBytes(StandardCharsets.UTF_8)));

        Read read = readAll(PointSource.of(write("two.gz", both).toString()));

        assertThat(read.points).containsExactly("31.2,121.4,1", "31.3,121.5,1");
    }

    @Test
    void aTruncatedGzipIsBadInput() throws Exception {
        byte[] whole = gzip("31.2,121.4\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        Path truncated = write("cut.gz", Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> readAll(PointSource.of(truncated.toString())))
                .isInstanceOf(UsageException.class).hasMessageContaining("ends early");
    }

    @Test
    void aLastLineWithoutNewlineAndAHugeLineAreHandled() throws Exception {
        String text = "31.2,121.4\n" + "9".repeat(100_000) + "\n31.3,121.5";

        Read read = readAll(PointSource.of(write("odd.csv", text.getBytes(StandardCharsets.UTF_8)).toString()));

        assertThat(read.points).containsExactly("31.2,121.4,1", "31.3,121.5,1");
        assertThat(read.summary.bad()).isEqualTo(1);
        assertThat(read.summary.firstBad().getFirst().line()).isEqualTo(2);
        assertThat(read.summary.firstBad().getFirst().reason()).startsWith("line longer than");
    }

    @Test
    void manyPointsCrossBatchBoundariesWithoutLoss() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            text.append("30.").append(i).append(",120.5,").append(i % 7 + 1).append('\n');
        }
        Read read = readAll(PointSource.of(write("many.csv", text.toString().getBytes(StandardCharsets.UTF_8)).toString()));

        assertThat(read.points).hasSize(50_000);
        assertThat(read.summary.requests()).isEqualTo(read.points.stream()
                .mapToLong(p -> Long.parseLong(p.substring(p.lastIndexOf(',') + 1))).sum());
    }

    @Test
    void anHttpSourceIsStreamedAndA404IsBadInput() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/heat.csv", exchange -> {
            byte[] body = gzip(CSV.getBytes(StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            Read read = readAll(PointSource.of(base + "/heat.csv"));

            assertThat(read.points).containsExactly("31.2,121.4,3", "31.3,121.5,1", "31.5,121.6,2");
            assertThatThrownBy(() -> readAll(PointSource.of(base + "/missing.csv")))
                    .isInstanceOf(UsageException.class).hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissingFileOrAMalformedUrlIsBadUsage() {
        assertThatThrownBy(() -> PointSource.of(dir.resolve("nope.csv").toString()))
                .isInstanceOf(UsageException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> PointSource.of("http://"))
                .isInstanceOf(UsageException.class).hasMessageContaining("not a valid URL");
    }

    @Test
    void aDashReadsStandardInput() throws Exception {
        InputStream original = System.in;
        System.setIn(new java.io.ByteArrayInputStream(gzip("31.2,121.4,2\n31.3,121.5\n".getBytes(StandardCharsets.UTF_8))));
        try {
            Read read = readAll(PointSource.of("-"));

            assertThat(read.points).containsExactly("31.2,121.4,2", "31.3,121.5,1");
            assertThat(read.summary.input()).isEqualTo("stdin");
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void theBundledSampleIsThere() throws Exception {
        Read read = readAll(PointSource.sample());

        assertThat(read.summary.lines()).isEqualTo(100_000);
        assertThat(read.summary.bad()).isZero();
    }

    private record Read(List<String> points, ReadSummary summary) {
    }

    private static Read readAll(PointSource source) throws Exception {
        List<String> points = new ArrayList<>();
        try (PointStream stream = PointStream.start(source, Duration.ofSeconds(5), 5)) {
            while (true) {
                PointBatch batch = stream.next(10, TimeUnit.SECONDS);
                assertThat(batch).as("a batch within 10 s").isNotNull();
                for (int i = 0; i < batch.size(); i++) {
                    points.add(batch.lat(i) + "," + batch.lng(i) + "," + batch.count(i));
                }
                if (batch.isLast()) {
                    if (batch.failure() instanceof RuntimeException e) {
                        throw e;
                    }
                    if (batch.failure() instanceof IOException e) {
                        throw e;
                    }
                    return new Read(points, stream.summary());
                }
                stream.recycle(batch);
            }
        }
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
