package dev.hexsnap.worker;

import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.upstream.DemoUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crawl through the second shipped contract, {@code demo-gateway} (POST location pages, an
 * envelope, a bearer token, typed floors, a flat category list, offset/limit paging, its own
 * channel ids), stores the same pages as through {@code hexsnap-v1}: same cells, stores, leaves
 * and page counts. A wrong token is a recorded failure, not a crash, and never shows in the output.
 * A contract whose services cannot compute another moment is crawled "now", within the slot's hours.
 */
class GatewayContractIntegrationTests {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final String TOKEN = "worker-gateway-test-token";
    /** The contract reads ${HEXSNAP_UPSTREAM_GATEWAY_TOKEN} from the program's environment (system properties included). */
    private static final String TOKEN_VARIABLE = "HEXSNAP_UPSTREAM_GATEWAY_TOKEN";

    private static DemoUpstream upstream;

    private ThrowawayDatabase db;
    private String namespace;
    private RedisKeyValue redis;

    @BeforeAll
    static void startUpstream() {
        upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.15).homePageBytes(6_000).channelPageBytes(4_000)
                .gatewayToken(TOKEN));
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
        System.clearProperty(TOKEN_VARIABLE);
    }

    @BeforeEach
    void setUp() throws Exception {
        db = ThrowawayDatabase.create("worker_gw");
        TestGrid.migrate(db);
        namespace = TestNamespaces.fresh();
        redis = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace));
    }

    @AfterEach
    void tearDown() {
        redis.close();
        TestNamespaces.clear(namespace);
        db.close();
    }

    private WorkerCli cli(String... more) {
        return new WorkerCli(WorkerCli.arguments(db, TestServices.REDIS, namespace, upstream.baseUrl(), more));
    }

    private List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Stored pages of a generation by kind (home, channel, store categories, store products). */
    private Map<String, Integer> pagesByKind(String generation) {
        Map<String, Integer> kinds = new TreeMap<>();
        String prefix = namespace + ":s:" + generation + ":";
        redis.scan(new SnapshotStore(redis).entryPattern(generation), 1000, keys -> keys.forEach(k -> {
            String path = k.substring(prefix.length());
            String kind = path.startsWith("store:") ? (path.endsWith(":categories") ? "store-categories" : "store-products")
                    : path.substring(0, path.indexOf(':'));
            kinds.merge(kind, 1, Integer::sum);
        }));
        return kinds;
    }

    @Test
    void bothContractsStoreTheSamePagesOfTheSameWorld() throws Exception {
        // given one grid, crawled once through each contract
        TestGrid.write(db, new int[]{8}, new int[]{1});
        System.setProperty(TOKEN_VARIABLE, TOKEN);

        // when
        WorkerCli.Result v1 = cli().run("run", "--generation", "g-v1", "--date", DATE.toString(), "--resolutions", "8");
        WorkerCli.Result gateway = cli("--hexsnap.upstream.contract=demo-gateway")
                .run("run", "--generation", "g-gw", "--date", DATE.toString(), "--resolutions", "8");

        // then both published, with the same cells, stores (and their statuses), leaves and page counts
        assertThat(v1.exit()).as(v1.out()).isZero();
        assertThat(gateway.exit()).as(gateway.out()).isZero();
        for (String per : List.of(
                "SELECT CONCAT(cell_id, ' ', status, ' ', serviceable, ' ', pages) FROM worker_cell WHERE generation = '%s' ORDER BY cell_id",
                "SELECT CONCAT(store_id, ' ', COALESCE(card_status, '-'), ' ', status, ' ', COALESCE(leaf_pages, '-'), ' ', pages)"
                        + " FROM worker_store WHERE generation = '%s' ORDER BY store_id")) {
            List<String> viaV1 = column(per.formatted("g-v1"));
            assertThat(viaV1).isNotEmpty();
            assertThat(column(per.formatted("g-gw"))).isEqualTo(viaV1);
        }
        Map<String, Integer> pages = pagesByKind("g-v1");
        assertThat(pages).containsKeys("home", "channel", "store-categories", "store-products");
        assertThat(pagesByKind("g-gw")).isEqualTo(pages);
        // the gateway's own channel ids name its channel pages
        assertThat(column("SELECT channels FROM worker_cell WHERE generation = 'g-gw' AND channels <> ''"))
                .allSatisfy(channels -> assertThat(channels).doesNotContain("supermarket", "fresh", "pharmacy"));
    }

    @Test
    void servicesThatCannotComputeAnotherMomentAreCrawledOnlyWithinTheSlotsHours(@TempDir Path dir) throws Exception {
        // given hexsnap-v1 as a service that answers only "now" would be described
        Path contract = dir.resolve("now-only.yaml");
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/hexsnap/core/upstream/contracts/hexsnap-v1.yaml")) {
            Files.writeString(contract, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("supports-moment: true", "supports-moment: false")
                    .replace(", at: \"{at}\"", "").replace("query: { at: \"{at}\" }", "query: {}"));
        }
        TestGrid.write(db, new int[]{8}, new int[]{0});
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        // the worker's "now" (hexsnap.clock.start shifts both)
        Clock clock = ShiftedClock.fromSystem();
        Slot now = Slot.at(LocalTime.now(clock.withZone(zone)), LocalTime.of(6, 0), LocalTime.of(22, 0));
        Slot other = now == Slot.DAY ? Slot.NIGHT : Slot.DAY;
        WorkerCli cli = cli("--hexsnap.upstream.contract=" + contract);

        // when the other slot is asked for: refused, one line, exit 2
        WorkerCli.Result refused = cli.run("run", "--slot", other.id(), "--generation", "g-refused", "--resolutions", "8");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("supports-moment: false", "outside the " + other.id(),
                "--at-now-anyway");

        // and with --at-now-anyway it crawls, recording the real crawl time
        Instant before = clock.instant();
        WorkerCli.Result anyway = cli.run("run", "--slot", other.id(), "--generation", "g-now", "--resolutions", "8", "--at-now-anyway");
        assertThat(anyway.exit()).as(anyway.out()).isZero();
        Matcher asOf = Pattern.compile("pages as of (\\S+),").matcher(anyway.out());
        assertThat(asOf.find()).isTrue();
        assertThat(Instant.parse(asOf.group(1))).isBetween(before.minusSeconds(1), clock.instant());
    }

    @Test
    void aRefusedTokenIsARecordedFailureThatNeverShowsTheToken() throws Exception {
        // given a token the gateway does not know
        TestGrid.write(db, new int[]{8}, new int[]{0});
        System.setProperty(TOKEN_VARIABLE, "not-the-token");

        // when
        WorkerCli.Result run = cli("--hexsnap.upstream.contract=demo-gateway")
                .run("run", "--generation", "g-401", "--date", DATE.toString(), "--resolutions", "8");

        // then the run ends (not published), the cell's failure names the refusal, and the token is nowhere
        assertThat(run.exit()).isNotZero();
        assertThat(column("SELECT error FROM worker_failure WHERE generation = 'g-401'"))
                .isNotEmpty().allSatisfy(error -> assertThat(error).contains("HTTP 401").doesNotContain("not-the-token"));
        assertThat(run.out() + run.err()).doesNotContain("not-the-token");
    }
}
