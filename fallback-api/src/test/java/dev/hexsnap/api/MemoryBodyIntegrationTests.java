package dev.hexsnap.api;

import dev.hexsnap.api.source.BodyFiles;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code hexsnap.api.sendfile=false}, hot gzip bodies are written from memory: same bytes,
 * no body files.
 */
@SpringBootTest(classes = FallbackApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemoryBodyIntegrationTests {

    static final String NS = TestNamespaces.fresh();
    static final LatLng XIAN = new LatLng(34.3416, 108.9398);
    static final Instant CRAWLED = SnapshotFixture.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    static SnapshotFixture fixture;
    static byte[] page;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hexsnap.redis.nodes", () -> TestServices.REDIS);
        registry.add("hexsnap.redis.namespace", () -> NS);
        registry.add("hexsnap.api.sendfile", () -> "false");
        registry.add("hexsnap.api.day-starts", () -> "00:00");
        registry.add("hexsnap.api.night-starts", () -> "23:59:59.999");
    }

    @BeforeAll
    static void writeGeneration() {
        fixture = new SnapshotFixture(RedisSettings.standalone(TestServices.REDIS, NS));
        SnapshotFixture.Generation g = fixture.generation("g-memory", Slot.DAY, "7");
        page = SnapshotFixture.locationPage("home", null, XIAN, "xian", "x1", "x2");
        g.home(XIAN, 7, CRAWLED, page);
        g.publish();
    }

    @AfterAll
    static void clear() {
        fixture.close();
        TestNamespaces.clear(NS);
    }

    @Test
    void hotGzipBodiesAreWrittenFromMemoryWithoutBodyFiles() {
        Http http = new Http(port);
        String path = "/v1/snapshots/home?lat=" + XIAN.lat() + "&lng=" + XIAN.lng();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(path).statusCode() == 200);

        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = http.get(path, "Accept-Encoding", "gzip");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Http.header(response, "Content-Encoding")).isEqualTo("gzip");
            assertThat(GzipCodec.decompress(response.body())).isEqualTo(page);
        }
        assertThat(context.getBeanProvider(BodyFiles.class).getIfAvailable()).isNull();
    }
}
