package dev.hexsnap.upstream.web;

import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Failure drills and the world clock, through the operator endpoints and the launcher's API. */
class DrillsIntegrationTests {

    static final String HOME = "/v1/pages/home?lat=31.2304&lng=121.4737&at=2026-11-23T04:00:00Z";

    static DemoUpstream upstream;
    static HttpClient http;
    static final JsonMapper mapper = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        upstream = DemoUpstream.start(DemoUpstream.options().cities("shanghai").homePageBytes(20_000).channelPageBytes(10_000)
                .opsToken("drill-token").timeoutHang(Duration.ofSeconds(2)));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @AfterEach
    void reset() {
        upstream.faults().reset();
        upstream.clock().reset();
    }

    static HttpResponse<byte[]> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void operatorEndpointsRefuseAMissingOrWrongToken() throws Exception {
        for (String path : new String[] {"/ops/faults", "/ops/clock"}) {
            HttpResponse<byte[]> missing = send("GET", path, null, null);
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(mapper.readTree(missing.body()).get("error").asString()).isEqualTo("unauthorized");

            HttpResponse<byte[]> wrong = send("DELETE", path, "drill-tokeN", null);
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(mapper.readTree(wrong.body()).get("error").asString()).isEqualTo("forbidden");
        }
        assertThat(send("PUT", "/ops/faults", "nope", "{\"all\":{\"outage\":true}}").statusCode()).isEqualTo(403);
        assertThat(upstream.faults().get(FaultTarget.HOME).isNone()).isTrue();
        assertThat(upstream.opsToken()).isEqualTo("drill-token");
    }

    @Test
    void faultsAreSetReadAndResetThroughTheOperatorApi() throws Exception {
        HttpResponse<byte[]> set = send("PUT", "/ops/faults", "drill-token",
                "{\"home\": {\"latencyMs\": 25, \"errorRate\": 0.25}, \"store-products\": {\"outage\": true}}");

        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode state = mapper.readTree(send("GET", "/ops/faults", "drill-token", null).body());
        assertThat(state.get("home").get("errorRate").asDouble()).isEqualTo(0.25);
        assertThat(state.get("home").get("latencyMs").asLong()).isEqualTo(25);
        assertThat(state.get("store-products").get("outage").asBoolean()).isTrue();
        assertThat(state.get("channel").get("errorRate").asDouble()).isZero();
        assertThat(upstream.faults().get(FaultTarget.HOME)).isEqualTo(new FaultSettings(25, 0.25, 0, 0, false));

        assertThat(send("DELETE", "/ops/faults", "drill-token", null).statusCode()).isEqualTo(200);
        assertThat(upstream.faults().all().values()).allSatisfy(s -> assertThat(s.isNone()).isTrue());
    }

    @Test
    void badFaultSettingsAreRefusedWholeNamingTheField() throws Exception {
        String[][] cases = {
                {"{\"home\": {\"errorRate\": 1.5}}", "home.errorRate"},
                {"{\"home\": {\"errorRate\": \"half\"}}", "home.errorRate"},
                {"{\"home\": {\"latencyMs\": -5}}", "home.latencyMs"},
                {"{\"home\": {\"outage\": \"yes\"}}", "home.outage"},
                {"{\"home\": {\"errorRates\": 0.1}}", "home.errorRates"},
                {"{\"checkout\": {\"errorRate\": 0.1}}", "checkout"},
                {"{\"channel\": {\"errorRate\": 0.1}, \"home\": {\"errorRate\": 0.7, \"timeoutRate\": 0.7}}", "home"},
                {"{}", "body"},
                {"not json", "body"},
        };
        for (String[] c : cases) {
            HttpResponse<byte[]> response = send("PUT", "/ops/faults", "drill-token", c[0]);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(mapper.readTree(response.body()).get("parameter").asString()).as(c[0]).isEqualTo(c[1]);
        }
        // Nothing of a refused request was applied, not even its valid part.
        assertThat(upstream.faults().get(FaultTarget.CHANNEL).isNone()).isTrue();
    }

    @Test
    void injectedErrorsComeAtTheirRate() throws Exception {
        upstream.faults().set(FaultTarget.HOME, FaultSettings.none().withErrorRate(0.3));
        int n = 400;
        int errors = 0;
        for (int i = 0; i < n; i++) {
            HttpResponse<byte[]> response = send("GET", HOME, null, null);
            if (response.statusCode() == 500 || response.statusCode() == 503) {
                errors++;
                assertThat(mapper.readTree(response.body()).get("error").asString()).isEqualTo("injected_fault");
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        // Binomial(400, 0.3): sigma 9.2; 5 sigma is 46.
        assertThat(errors).isBetween(120 - 46, 120 + 46);
    }

    @Test
    void injectedEmptyAnswersAreServiceablePagesWithNothingOnThem() throws Exception {
        upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withEmptyRate(1.0));
        PageInspector inspector = new PageInspector();

        LocationPage home = inspector.locationPage(send("GET", HOME, null, null).body());
        assertThat(home.serviceable()).isTrue();
        assertThat(home.isEmpty()).isTrue();
        String storeId = upstream.world().covering(31.2304, 121.4737).getFirst().id();
        assertThat(inspector.categories(send("GET", "/v1/pages/store/" + storeId + "/categories", null, null).body()).isEmpty()).isTrue();
    }

    @Test
    void anOutageFailsEveryRequestOfItsEndpointOnly() throws Exception {
        upstream.faults().set(FaultTarget.HOME, FaultSettings.fullOutage());

        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> response = send("GET", HOME, null, null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(mapper.readTree(response.body()).get("error").asString()).isEqualTo("outage");
        }
        assertThat(send("GET", "/v1/pages/channel/fresh?lat=31.2304&lng=121.4737", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTimeoutHangsWithoutHoldingUpOtherRequestsAndLatencyIsAdded() throws Exception {
        upstream.faults().set(FaultTarget.HOME, FaultSettings.none().withTimeoutRate(1.0));
        upstream.faults().set(FaultTarget.CHANNEL, FaultSettings.none().withLatencyMs(300));

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> hanging = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hanging.add(http.sendAsync(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + HOME)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        // While 20 requests hang, others are served (and the latency drill adds its 300 ms).
        long channelStarted = System.nanoTime();
        HttpResponse<byte[]> channel = send("GET", "/v1/pages/channel/fresh?lat=31.2304&lng=121.4737", null, null);
        long channelMillis = (System.nanoTime() - channelStarted) / 1_000_000;
        assertThat(channel.statusCode()).isEqualTo(200);
        // Lower bound: the injected latency. Upper bound: far below the 2 s hang (generous for a busy 2-core machine).
        assertThat(channelMillis).isBetween(300L, 1_900L);

        for (CompletableFuture<HttpResponse<byte[]>> request : hanging) {
            assertThat(request.get().statusCode()).isEqualTo(504);
        }
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(2_000L);
    }

    @Test
    void theWorldClockDecidesPagesWithoutAnExplicitMoment() throws Exception {
        HttpResponse<byte[]> set = send("PUT", "/ops/clock", "drill-token", "{\"instant\": \"2026-11-23T15:30:00Z\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(set.body()).get("slot").asString()).isEqualTo("night");

        PageInspector inspector = new PageInspector();
        LocationPage night = inspector.locationPage(send("GET", "/v1/pages/home?lat=31.2304&lng=121.4737", null, null).body());
        assertThat(night.slot()).isEqualTo("night");
        assertThat(night.generatedAt()).isEqualTo(Instant.parse("2026-11-23T15:30:00Z"));

        JsonNode advanced = mapper.readTree(send("PUT", "/ops/clock", "drill-token", "{\"advance\": \"PT12H\"}").body());
        assertThat(advanced.get("now").asString()).isEqualTo("2026-11-24T03:30:00Z");
        assertThat(advanced.get("slot").asString()).isEqualTo("day");
        assertThat(send("PUT", "/ops/clock", "drill-token", "{\"instant\": \"tomorrow\"}").statusCode()).isEqualTo(400);

        assertThat(send("DELETE", "/ops/clock", "drill-token", null).statusCode()).isEqualTo(200);
        assertThat(upstream.clock().fixedAt()).isEmpty();
    }
}
