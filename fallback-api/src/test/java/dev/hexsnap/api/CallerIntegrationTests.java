package dev.hexsnap.api;

import dev.hexsnap.client.FallbackClient;
import dev.hexsnap.client.FallbackResult;
import dev.hexsnap.client.LocalCopy;
import dev.hexsnap.client.PageRequest;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.hexsnap.api.Http.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-caller tokens and request limits on the snapshot endpoints: 401 without a known token
 * (whatever path Spring or the direct dispatch takes), 429 with {@code Retry-After} for a caller
 * over its limit while another caller is served, and the client library passing its token.
 */
class CallerIntegrationTests {

    static final String NS = TestNamespaces.fresh();
    static final String RUNAWAY = "runaway-service-token-0001";
    static final String QUIET = "quiet-service-token-000002";
    static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    static final String HOME = "/v1/snapshots/home?lat=31.2304&lng=121.4737";
    static final double RATE = 2;
    static final int BURST = 3;

    static SnapshotFixture fixture;
    static ConfigurableApplicationContext api;
    static Http http;

    @BeforeAll
    static void start() {
        fixture = new SnapshotFixture(RedisSettings.standalone(TestServices.REDIS, NS));
        SnapshotFixture.Generation g = fixture.generation("g-callers", Slot.DAY, "7,8");
        g.home(SHANGHAI, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, SHANGHAI, "callers", "s1"));
        g.publish();
        api = new SpringApplicationBuilder(FallbackApiApplication.class).run(
                "--server.port=0", "--hexsnap.redis.nodes=" + TestServices.REDIS, "--hexsnap.redis.namespace=" + NS,
                "--hexsnap.api.callers.tokens=runaway:" + RUNAWAY + ",quiet:" + QUIET,
                "--hexsnap.api.callers.rate-limit=" + RATE, "--hexsnap.api.callers.burst=" + BURST,
                "--hexsnap.api.day-starts=00:00", "--hexsnap.api.night-starts=23:59:59.999");
        http = new Http(Integer.parseInt(api.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stop() {
        api.close();
        fixture.close();
        TestNamespaces.clear(NS);
    }

    static HttpResponse<byte[]> as(String token, String path) {
        return http.get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void withoutAKnownTokenTheSnapshotEndpointsAnswer401AndNothingElseChanges() {
        HttpResponse<byte[]> none = http.get(HOME);
        HttpResponse<byte[]> wrong = as(QUIET + "x", HOME);
        HttpResponse<byte[]> throughSpring = http.get("/v1/snapshots/store/st%2D1/categories");

        for (HttpResponse<byte[]> refused : List.of(none, wrong, throughSpring)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(header(refused, "WWW-Authenticate")).isEqualTo("Bearer realm=\"hexsnap-api\"");
            assertThat(header(refused, "Content-Type")).startsWith("application/json");
            JsonNode error = SnapshotFixture.JSON.readTree(refused.body());
            assertThat(error.get("error").asString()).isEqualTo("unauthorized");
            assertThat(error.get("reason").asString()).isEqualTo("bad-caller-token");
        }
        assertThat(Http.text(none)).doesNotContain(QUIET);
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aRunawayCallerGets429WhileAnotherIsServed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> as(QUIET, HOME).statusCode() == 200);
        long start = System.nanoTime();
        List<HttpResponse<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            answers.add(as(RUNAWAY, HOME));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long served = answers.stream().filter(r -> r.statusCode() == 200).count();
        List<HttpResponse<byte[]>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(served + limited.size()).isEqualTo(answers.size());
        // The burst, plus what the rate refilled while the requests went out (one more for rounding).
        assertThat(served).isBetween((long) BURST, (long) (BURST + Math.ceil(seconds * RATE) + 1));
        assertThat(limited).isNotEmpty().allSatisfy(r -> {
            assertThat(Long.parseLong(header(r, "Retry-After"))).isBetween(1L, 1L);
            JsonNode error = SnapshotFixture.JSON.readTree(r.body());
            assertThat(error.get("status").asInt()).isEqualTo(429);
            assertThat(error.get("reason").asString()).isEqualTo("caller-rate-limit");
        });
        assertThat(as(QUIET, HOME).statusCode()).isEqualTo(200);
        assertThat(Http.text(http.get("/actuator/prometheus")))
                .containsPattern("hexsnap_api_callers_refused_total\\{reason=\"caller-rate-limit\"[^}]*} [1-9]");
    }

    @Test
    void theClientLibraryPassesItsToken() {
        URI base = URI.create(http.base());
        FallbackClient withToken = FallbackClient.builder(base).token(QUIET).requestTimeout(Duration.ofSeconds(5)).build();
        FallbackClient without = FallbackClient.builder(base).requestTimeout(Duration.ofSeconds(5)).build();
        PageRequest home = PageRequest.home(SHANGHAI.lat(), SHANGHAI.lng());

        await().atMost(Duration.ofSeconds(10)).until(() -> withToken.fetch(home, LocalCopy.NONE) instanceof FallbackResult.Snapshot);
        // A young local copy does not hide a missing token: it is the caller's bug.
        FallbackResult refused = without.fetch(home, new LocalCopy(null, SnapshotFixture.now().minusSeconds(60)));
        assertThat(refused).isEqualTo(new FallbackResult.NotServed(FallbackResult.Why.REJECTED, 401, "bad-caller-token",
                ((FallbackResult.NotServed) refused).message()));
    }
}
