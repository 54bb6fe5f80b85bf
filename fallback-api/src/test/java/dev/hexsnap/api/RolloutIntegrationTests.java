package dev.hexsnap.api;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * Switches and roll-out across two API instances sharing one Redis namespace: an operator
 * changes the state on one, the other follows within seconds.
 */
class RolloutIntegrationTests {

    static final String NS = TestNamespaces.fresh();
    // A quote in it: the token is any string, never evaluated as an expression.
    static final String TOKEN = "test-ops-token-'" + java.util.UUID.randomUUID();
    static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    static final String HOME = "/v1/snapshots/home?lat=31.2304&lng=121.4737";
    /** Both instances re-read the state every 300 ms; a change must show within this bound (generous for a shared 2-core box). */
    static final Duration PROPAGATION = Duration.ofSeconds(3);

    static SnapshotFixture fixture;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static Http a;
    static Http b;

    @BeforeAll
    static void start() {
        fixture = new SnapshotFixture(RedisSettings.standalone(TestServices.REDIS, NS));
        SnapshotFixture.Generation g = fixture.generation("g-rollout", Slot.DAY, "7,8");
        g.home(SHANGHAI, 7, SnapshotFixture.now(), SnapshotFixture.locationPage("home", null, SHANGHAI, "rollout", "s1"));
        g.store(new SnapshotKey.StoreCategories("st-1"), SnapshotFixture.now(), SnapshotFixture.storePage("store-categories", "st-1", "a"));
        g.store(new SnapshotKey.StoreCategories("st-2"), SnapshotFixture.now(), SnapshotFixture.storePage("store-categories", "st-2", "b"));
        g.publish();
        first = instance();
        second = instance();
        a = new Http(port(first));
        b = new Http(port(second));
    }

    static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(FallbackApiApplication.class).run(
                "--server.port=0", "--hexsnap.redis.nodes=" + TestServices.REDIS, "--hexsnap.redis.namespace=" + NS,
                "--hexsnap.api.ops-token=" + TOKEN, "--hexsnap.api.refresh-interval=300ms",
                "--hexsnap.api.day-starts=00:00", "--hexsnap.api.night-starts=23:59:59.999");
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @AfterEach
    void resetRules() {
        for (String kind : new String[]{"home", "channel", "store-categories", "store-products"}) {
            ops(a, "PUT", "/ops/rollout/" + kind, "{}");
        }
        await().atMost(PROPAGATION).until(() -> b.get(HOME).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        fixture.close();
        TestNamespaces.clear(NS);
    }

    static HttpResponse<byte[]> ops(Http http, String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Bearer " + TOKEN);
    }

    @Test
    void opsEndpointsRefuseAMissingOrWrongToken() {
        HttpResponse<byte[]> none = a.get("/ops/rollout");
        HttpResponse<byte[]> wrong = a.get("/ops/rollout", "Authorization", "Bearer " + TOKEN + "x");
        HttpResponse<byte[]> basic = a.get("/ops/rollout", "Authorization", "Basic " + TOKEN);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(header(none, "WWW-Authenticate")).startsWith("Bearer");
        assertThat(Http.text(none)).contains("\"error\":\"unauthorized\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(ops(a, "GET", "/ops/rollout", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aSwitchTurnedOffOnOneInstanceTurnsOffEverywhereWithinSeconds() {
        assertThat(b.get(HOME).statusCode()).isEqualTo(200);

        assertThat(ops(a, "POST", "/ops/rollout/home/off", null).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> onA = a.get(HOME);
        assertThat(onA.statusCode()).isEqualTo(409);
        assertThat(header(onA, "X-Fallback-Disabled")).isEqualTo("switch-off");
        assertThat(Http.text(onA)).contains("\"error\":\"fallback-disabled\"").contains("\"reason\":\"switch-off\"");
        long changed = System.nanoTime();
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(50)).until(() -> b.get(HOME).statusCode() == 409);
        System.out.printf("switch-off reached the other instance after %d ms%n", (System.nanoTime() - changed) / 1_000_000);
        // Other kinds are not affected.
        assertThat(b.get("/v1/snapshots/store/st-1/categories").statusCode()).isEqualTo(200);

        ops(a, "POST", "/ops/rollout/home/on", null);
        await().atMost(PROPAGATION).until(() -> b.get(HOME).statusCode() == 200);
    }

    @Test
    void anAllowListedUserIsServedWhileEveryoneElseIsNot() {
        ops(a, "PUT", "/ops/rollout/home", "{\"percent\":0,\"users\":[\"tester-1\"]}");
        await().atMost(PROPAGATION).until(() -> b.get(HOME + "&userId=u-1").statusCode() == 409);

        assertThat(b.get(HOME + "&userId=tester-1").statusCode()).isEqualTo(200);
        assertThat(b.get(HOME, "X-User-Id", "tester-1").statusCode()).isEqualTo(200);
        assertThat(header(b.get(HOME + "&userId=u-1"), "X-Fallback-Disabled")).isEqualTo("not-in-percentage");
        assertThat(header(b.get(HOME), "X-Fallback-Disabled")).isEqualTo("no-user-id");
    }

    @Test
    void aPercentageServesTheSameUsersOnEveryInstanceAndOnlyAddsUsersWhenRaised() {
        ops(a, "PUT", "/ops/rollout/home", "{\"percent\":30}");
        await().atMost(PROPAGATION).until(() -> b.get(HOME).statusCode() == 409);

        int servedAt30 = 0;
        java.util.List<String> in30 = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String user = "user-" + i;
            int onA = a.get(HOME + "&userId=" + user).statusCode();
            int onB = b.get(HOME + "&userId=" + user).statusCode();
            assertThat(onA).as(user).isEqualTo(onB);
            if (onA == 200) {
                servedAt30++;
                in30.add(user);
            }
        }
        // 200 users at 30%: binomial sd ~6.5; [35, 85] is beyond 7 sd either side.
        assertThat(servedAt30).isBetween(35, 85);

        ops(a, "PUT", "/ops/rollout/home", "{\"percent\":60}");
        await().atMost(PROPAGATION).until(() -> b.get(HOME + "&userId=" + in30.getFirst()).statusCode() == 200
                && countServed(b, 200) > in30.size());
        for (String user : in30) {
            assertThat(b.get(HOME + "&userId=" + user).statusCode()).as(user).isEqualTo(200);
        }
    }

    static int countServed(Http http, int users) {
        int served = 0;
        for (int i = 0; i < users; i++) {
            if (http.get(HOME + "&userId=user-" + i).statusCode() == 200) {
                served++;
            }
        }
        return served;
    }

    @Test
    void aCityRolloutServesListedCitiesOnly() {
        ops(a, "PUT", "/ops/rollout/home", "{\"cities\":[\"shanghai\"]}");
        await().atMost(PROPAGATION).until(() -> b.get(HOME + "&city=beijing").statusCode() == 409);

        assertThat(b.get(HOME + "&city=shanghai").statusCode()).isEqualTo(200);
        assertThat(b.get(HOME, "X-City", "Shanghai").statusCode()).isEqualTo(200);
        assertThat(header(b.get(HOME + "&city=beijing"), "X-Fallback-Disabled")).isEqualTo("city-not-rolled-out");
        assertThat(b.get(HOME).statusCode()).isEqualTo(409);
    }

    @Test
    void aStoreRolloutServesListedStoresOnly() {
        ops(a, "PUT", "/ops/rollout/store-categories", "{\"stores\":[\"st-1\"]}");
        await().atMost(PROPAGATION).until(() -> b.get("/v1/snapshots/store/st-2/categories").statusCode() == 409);

        assertThat(b.get("/v1/snapshots/store/st-1/categories").statusCode()).isEqualTo(200);
        assertThat(header(b.get("/v1/snapshots/store/st-2/categories"), "X-Fallback-Disabled")).isEqualTo("store-not-rolled-out");
        assertThat(b.get(HOME).statusCode()).isEqualTo(200);
    }

    @Test
    void badRulesAndKindsAreRefusedWith400() {
        HttpResponse<byte[]> percent = ops(a, "PUT", "/ops/rollout/home", "{\"percent\":150}");
        HttpResponse<byte[]> kind = ops(a, "POST", "/ops/rollout/basket/off", null);
        HttpResponse<byte[]> city = ops(a, "PUT", "/ops/rollout/home", "{\"cities\":[\"Not A Slug\"]}");
        HttpResponse<byte[]> json = ops(a, "PUT", "/ops/rollout/home", "{percent:");

        assertThat(percent.statusCode()).isEqualTo(400);
        assertThat(Http.text(percent)).contains("\"parameter\":\"body\"").contains("percent");
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(Http.text(kind)).contains("\"parameter\":\"kind\"");
        assertThat(city.statusCode()).isEqualTo(400);
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(a.get(HOME).statusCode()).isEqualTo(200);
    }
}
