package dev.hexsnap.api;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.RedisTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static dev.hexsnap.api.Http.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API against a real three-master Redis Cluster: entries spread over the slots, ring
 * lookups split per slot, pointers and roll-out state under one hash tag.
 */
class ClusterIntegrationTests {

    static final String NS = "cluster";
    static final String TOKEN = "cluster-ops-token-" + java.util.UUID.randomUUID();
    static final HexGrid GRID = HexGrid.shared();
    static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    static final LatLng BEIJING = new LatLng(39.9042, 116.4074);

    static RedisTestCluster cluster;
    static SnapshotFixture fixture;
    static ConfigurableApplicationContext api;
    static Http http;
    static long beijingNeighbour;

    @BeforeAll
    static void start() {
        cluster = RedisTestCluster.start(3);
        fixture = new SnapshotFixture(RedisSettings.cluster(cluster.nodes(), NS));
        SnapshotFixture.Generation g = fixture.generation("g-cluster", Slot.DAY, "7,8");
        g.home(SHANGHAI, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, SHANGHAI, "cluster-shanghai", "s1"));
        beijingNeighbour = GRID.rings(GRID.cellOf(BEIJING, 7), 1).get(1).get(3);
        g.put(new SnapshotKey.Home(7, beijingNeighbour), SnapshotFixture.now(), beijingNeighbour, GRID.center(beijingNeighbour),
                SnapshotFixture.locationPage("home", null, GRID.center(beijingNeighbour), "cluster-beijing", "b1"));
        for (int i = 0; i < 20; i++) {
            g.store(new SnapshotKey.StoreCategories("st-" + i), SnapshotFixture.now(), SnapshotFixture.storePage("store-categories", "st-" + i, "c" + i));
        }
        g.publish();
        api = new SpringApplicationBuilder(FallbackApiApplication.class).run(
                "--server.port=0", "--hexsnap.redis.cluster=true", "--hexsnap.redis.nodes=" + String.join(",", cluster.nodes()),
                "--hexsnap.redis.namespace=" + NS, "--hexsnap.api.ops-token=" + TOKEN, "--hexsnap.api.refresh-interval=300ms",
                "--hexsnap.api.day-starts=00:00", "--hexsnap.api.night-starts=23:59:59.999");
        http = new Http(Integer.parseInt(api.getEnvironment().getProperty("local.server.port")));
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/v1/snapshots/store/st-0/categories").statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        api.close();
        fixture.close();
        cluster.close();
    }

    @Test
    void exactNeighbourAndStorePagesAreServedFromTheCluster() {
        HttpResponse<byte[]> exact = http.get("/v1/snapshots/home?lat=" + SHANGHAI.lat() + "&lng=" + SHANGHAI.lng(), "Accept-Encoding", "gzip");
        HttpResponse<byte[]> neighbour = http.get("/v1/snapshots/home?lat=" + BEIJING.lat() + "&lng=" + BEIJING.lng());

        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(header(exact, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(exact, "X-Snapshot-Generation")).isEqualTo("g-cluster");
        assertThat(neighbour.statusCode()).isEqualTo(200);
        assertThat(header(neighbour, "X-Snapshot-Fallback")).isEqualTo("neighbour");
        assertThat(header(neighbour, "X-Snapshot-Cell")).isEqualTo(Long.toHexString(beijingNeighbour));
        for (int i = 0; i < 20; i++) {
            assertThat(Http.text(http.get("/v1/snapshots/store/st-" + i + "/categories"))).contains("\"c" + i + "\"");
        }
        assertThat(http.get("/v1/snapshots/store/st-99/categories").statusCode()).isEqualTo(404);
    }

    @Test
    void negotiationAndRolloutWorkOnTheCluster() {
        String path = "/v1/snapshots/store/st-3/categories";
        String etag = header(http.get(path), "ETag");
        assertThat(http.get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);

        assertThat(http.send("POST", "/ops/rollout/store-categories/off", null, "Authorization", "Bearer " + TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(http.get(path).statusCode()).isEqualTo(409);
        http.send("POST", "/ops/rollout/store-categories/on", null, "Authorization", "Bearer " + TOKEN);
        assertThat(http.get(path).statusCode()).isEqualTo(200);
    }
}
