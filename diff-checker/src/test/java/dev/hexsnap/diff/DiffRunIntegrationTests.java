package dev.hexsnap.diff;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.diff.cli.DiffCommandLine;
import dev.hexsnap.testsupport.UpstreamProxy;
import dev.hexsnap.upstream.DemoUpstream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff end to end, through its command line, against the real MariaDB, the real Redis and
 * the demo upstream in process (Shanghai only, small pages so that the suite stays quick on two
 * cores): grid rows and published generations come from {@link SnapshotFixture}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffRunIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-23T04:00:00Z"); // noon in Shanghai: the day slot

    private final City city = CityCatalog.bundled().require("shanghai");
    private SnapshotFixture fixture;
    private DemoUpstream upstream;
    /** In front of the upstream for the diff's own requests (not the fixture's crawl): what the upstream received. */
    private UpstreamProxy seen;
    private List<SnapshotFixture.GridRow> rows;
    private SnapshotFixture.Published fresh;
    private JsonNode freshReport;
    private Path freshDir;

    @TempDir
    Path tmp;

    @BeforeAll
    void publishAFreshGenerationAndDiffIt(@TempDir Path dir) throws Exception {
        upstream = DemoUpstream.start(DemoUpstream.options().seed(42).cities(city.slug())
                .homePageBytes(24_000).channelPageBytes(16_000));
        fixture = SnapshotFixture.create("diff");
        // 7 cells of resolution 7 and 19 of resolution 8 around the centre; 7 of each are sampled
        rows = new ArrayList<>(fixture.cellsAround(city.slug(), city.centre(), 7, 1));
        rows.addAll(fixture.cellsAround(city.slug(), city.centre(), 8, 2));
        fixture.switchGrid("build-1", rows);
        fresh = fixture.publish("fresh", Slot.DAY, AT, upstream.baseUrl(), rows, SnapshotFixture.GridRow::hotspot);
        seen = new UpstreamProxy(upstream.baseUrl());
        freshDir = dir.resolve("fresh");
        freshReport = diff(freshDir, "--cities", "2", "--cells-per-city", "7", "--key-stores", "12");
    }

    @AfterAll
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
        if (seen != null) {
            seen.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void resolutionEightScoresAtLeastAsHighAsResolutionSeven() {
        JsonNode resolutions = freshReport.at("/fidelity/resolutions");

        assertThat(resolutions.at("/7/comparisons").asLong()).isGreaterThan(0);
        assertThat(resolutions.at("/8/matchShare").asDouble()).isGreaterThanOrEqualTo(resolutions.at("/7/matchShare").asDouble());
        assertThat(resolutions.at("/8/meanSimilarity").asDouble()).isGreaterThanOrEqualTo(resolutions.at("/7/meanSimilarity").asDouble());
        // seven cells per resolution, seven points each (no pentagon in Shanghai)
        assertThat(freshReport.at("/sampling/cells/7").asInt()).isEqualTo(7);
        assertThat(freshReport.at("/sampling/cells/8").asInt()).isEqualTo(7);
        assertThat(freshReport.at("/sampling/points").asLong()).isEqualTo(98);
        assertThat(freshReport.at("/sampling/citiesSkipped/0").asString()).isEqualTo("beijing");
    }

    @Test
    void everyLivePageIsAskedForAsTheGenericAccount() {
        List<java.net.URI> location = seen.received().stream()
                .filter(u -> u.getPath().equals("/v1/pages/home") || u.getPath().startsWith("/v1/pages/channel/")).toList();

        // at least the fresh run's comparisons, each point's home and channel pages
        assertThat(location).hasSizeGreaterThanOrEqualTo(freshReport.at("/fidelity/overall/comparisons").asInt());
        assertThat(freshReport.at("/fidelity/overall/comparisons").asInt()).isPositive();
        assertThat(location).allSatisfy(u -> assertThat(u.getRawQuery().split("&"))
                .as("query of %s", u).filteredOn(param -> param.startsWith("account=")).containsExactly("account=generic"));
    }

    @Test
    void everyShareComesInBothMeasuresWithItsInterval() {
        for (String res : List.of("7", "8")) {
            JsonNode shares = freshReport.at("/estimates/resolutions/" + res);
            // the points' estimate is the pooled figure the diff always printed
            assertThat(shares.at("/points/share").asDouble())
                    .isCloseTo(freshReport.at("/fidelity/resolutions/" + res + "/matchShare").asDouble(), Offset.offset(1e-12));
            for (String measure : List.of("users", "points")) {
                JsonNode e = shares.at("/" + measure);
                assertThat(e.at("/low").asDouble()).as(res + " " + measure).isLessThanOrEqualTo(e.at("/share").asDouble());
                assertThat(e.at("/high").asDouble()).as(res + " " + measure).isGreaterThanOrEqualTo(e.at("/share").asDouble());
                assertThat(e.at("/cellsPerCityForMargin").isNumber()).as(res + " " + measure).isTrue();
            }
            assertThat(freshReport.at("/estimates/cities/" + res + "/shanghai/users/share").isNumber()).isTrue();
            assertThat(freshReport.at("/estimates/pages/" + res + "/home/users/share").isNumber()).isTrue();
        }
        // all 7 hot cells of resolution 7 are sampled: a census, nothing left to estimate
        JsonNode census = freshReport.at("/estimates/resolutions/7/users");
        assertThat(census.at("/hotCells").asLong()).isEqualTo(7);
        assertThat(census.at("/low").asDouble()).isEqualTo(census.at("/share").asDouble());
        assertThat(census.at("/high").asDouble()).isEqualTo(census.at("/share").asDouble());
        // 7 of 19 at resolution 8: an interval, unless every sampled cell agrees exactly
        assertThat(freshReport.at("/estimates/resolutions/8/users/hotCells").asLong()).isEqualTo(19);
        // the recommendation and the target judge the users' share
        boolean reaches = freshReport.at("/estimates/resolutions/8/users/share").asDouble() >= 0.9;
        assertThat(freshReport.at("/recommendation/resolution").isNull()).isEqualTo(!reaches
                && freshReport.at("/estimates/resolutions/7/users/share").asDouble() < 0.9);
    }

    @Test
    void theSameSeedOnTheSameGridGivesTheSameSampleAndTheSameFigures() throws Exception {
        // named: other tests publish generations of their own, each becoming the slot's current one
        JsonNode again = diff(tmp.resolve("same-seed"), "--cities", "2", "--cells-per-city", "7", "--generation", "fresh",
                "--no-store-diff");

        assertThat(addresses(again)).isEqualTo(addresses(freshReport));
        assertThat(again.at("/estimates")).isEqualTo(freshReport.at("/estimates"));
        assertThat(again.at("/fidelity/resolutions")).isEqualTo(freshReport.at("/fidelity/resolutions"));
        assertThat(again.at("/recommendation")).isEqualTo(freshReport.at("/recommendation"));
    }

    @Test
    void aStaleSnapshotScoresLowerThanAFreshOne() throws Exception {
        // the world a week on, at the same time of day: prices, recommendations and trees have drifted
        Instant weekLater = AT.plus(Duration.ofDays(7));
        upstream.clock().set(weekLater);
        JsonNode stale;
        try {
            stale = diffAt(weekLater, tmp.resolve("stale"), "--cities", "2", "--cells-per-city", "7", "--no-store-diff");
        } finally {
            upstream.clock().reset();
        }

        for (String res : List.of("7", "8")) {
            assertThat(stale.at("/fidelity/resolutions/" + res + "/meanSimilarity").asDouble())
                    .isLessThan(freshReport.at("/fidelity/resolutions/" + res + "/meanSimilarity").asDouble());
        }
    }

    @Test
    void aSnapshotTakenFarFromItsCellScoresLowerThanAFreshOne() throws Exception {
        fixture.publish("shifted", Slot.DAY, AT, upstream.baseUrl(), rows,
                row -> new LatLng(row.hotspot().lat(), row.hotspot().lng() + 0.03), false); // about 3 km east

        JsonNode shifted = diff(tmp.resolve("shifted"), "--cities", "2", "--cells-per-city", "7", "--generation", "shifted",
                "--no-store-diff");

        for (String res : List.of("7", "8")) {
            assertThat(shifted.at("/fidelity/resolutions/" + res + "/matchShare").asDouble())
                    .isLessThan(freshReport.at("/fidelity/resolutions/" + res + "/matchShare").asDouble());
        }
    }

    @Test
    void aCellWhoseHotspotIsOutOfItsDeliveryAreasScoresLow() throws Exception {
        JsonNode worstFresh = freshReport.at("/fidelity/cells");
        String victim = worstFresh.get(worstFresh.size() - 1).at("/cell/address").asString(); // the best cell of the fresh run
        long victimCell = Long.parseUnsignedLong(victim, 16);
        fixture.publish("moved", Slot.DAY, AT, upstream.baseUrl(), rows,
                row -> row.cell() == victimCell ? new LatLng(row.hotspot().lat() + 0.5, row.hotspot().lng()) : row.hotspot(), false);

        JsonNode moved = diff(tmp.resolve("moved"), "--cities", "2", "--cells-per-city", "7", "--generation", "moved",
                "--no-store-diff");

        JsonNode cell = cellNamed(moved, victim);
        assertThat(cell.at("/score/matchShare").asDouble()).isLessThan(0.2);
        assertThat(cellNamed(freshReport, victim).at("/score/matchShare").asDouble()).isGreaterThan(0.5);
        // it is listed first among the worst cells
        assertThat(moved.at("/fidelity/cells/0/cell/address").asString()).isEqualTo(victim);
    }

    @Test
    void theStoreDiffRequestsARecrawlAboveTheThresholdAndNotBelowIt() throws Exception {
        // the key stores are those shown in the most sampled cells (ties by id); closed ones are not counted
        List<JsonNode> stores = new ArrayList<>();
        freshReport.at("/stores/stores").forEach(stores::add);
        stores.sort(java.util.Comparator.comparingInt((JsonNode s) -> -s.at("/shownIn").asInt())
                .thenComparing(s -> s.at("/storeId").asString()));
        assertThat(stores).hasSizeGreaterThanOrEqualTo(10);
        List<String> compared = stores.subList(0, 10).stream().filter(s -> s.at("/status").asString().equals("compared"))
                .map(s -> s.at("/storeId").asString()).toList();
        assertThat(compared).hasSizeGreaterThanOrEqualTo(7); // so that 2 damaged are below 30% and 4 above
        assertThat(freshReport.at("/stores/anomalous").asInt()).isZero();

        // given 4 of the compared key stores with a damaged tree in one generation, 2 in another
        fixture.copyGeneration("fresh", "damaged-many");
        fixture.copyGeneration("fresh", "damaged-few");
        for (String store : compared.subList(0, 4)) {
            damageTree("damaged-many", store);
        }
        for (String store : compared.subList(0, 2)) {
            damageTree("damaged-few", store);
        }

        JsonNode few = diff(tmp.resolve("few"), "--cities", "2", "--cells-per-city", "7", "--key-stores", "10",
                "--generation", "damaged-few");
        JsonNode many = diff(tmp.resolve("many"), "--cities", "2", "--cells-per-city", "7", "--key-stores", "10",
                "--generation", "damaged-many");

        assertThat(few.at("/stores/anomalous").asInt()).isEqualTo(2);
        assertThat(few.at("/stores/recrawl/triggered").asBoolean()).isFalse();
        assertThat(fixture.query("SELECT store_id FROM store_recrawl_request WHERE diff_run_id = " + few.at("/runId").asLong())).isEmpty();

        assertThat(many.at("/stores/anomalous").asInt()).isEqualTo(4);
        assertThat(many.at("/stores/recrawl/triggered").asBoolean()).isTrue();
        List<List<String>> requests = fixture.query("SELECT store_id, status, reason FROM store_recrawl_request WHERE diff_run_id = "
                + many.at("/runId").asLong() + " ORDER BY store_id");
        Set<String> requested = new HashSet<>();
        requests.forEach(r -> requested.add(r.get(0)));
        assertThat(requested).containsExactlyInAnyOrderElementsOf(compared.subList(0, 4));
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.get(1)).isEqualTo("PENDING");
            assertThat(r.get(2)).contains("category tree differs");
        });
        assertThat(many.at("/stores/recrawl/text").asString()).contains("Re-crawl TRIGGERED").contains("4 re-crawl request(s)");
    }

    @Test
    void eachRunIsKeptInMysqlAndTheNextReportShowsTheTrend() throws Exception {
        JsonNode again = diff(tmp.resolve("again"), "--cities", "2", "--cells-per-city", "7", "--no-store-diff");

        List<List<String>> run = fixture.query("SELECT status, generation, cells_sampled, recommended_resolution FROM diff_run WHERE run_id = "
                + again.at("/runId").asLong());
        assertThat(run).hasSize(1);
        assertThat(run.getFirst().subList(0, 3)).containsExactly("COMPLETE", "fresh", "14");
        List<List<String>> resolutions = fixture.query("SELECT resolution, match_share, user_match_share, user_match_share_low,"
                + " user_match_share_high, meets_target, user_cells_for_margin, match_share_low, match_share_high"
                + " FROM diff_run_resolution WHERE run_id = " + again.at("/runId").asLong() + " ORDER BY resolution");
        assertThat(resolutions).extracting(r -> r.getFirst()).containsExactly("7", "8");
        for (List<String> row : resolutions) {
            JsonNode users = again.at("/estimates/resolutions/" + row.get(0) + "/users");
            assertThat(Double.parseDouble(row.get(2))).isCloseTo(users.at("/share").asDouble(), Offset.offset(1e-12));
            assertThat(Double.parseDouble(row.get(3))).isCloseTo(users.at("/low").asDouble(), Offset.offset(1e-12));
            assertThat(Double.parseDouble(row.get(4))).isCloseTo(users.at("/high").asDouble(), Offset.offset(1e-12));
            assertThat(row.get(5)).isEqualTo(users.at("/share").asDouble() >= 0.9 ? "1" : "0");
            assertThat(Integer.parseInt(row.get(6))).isEqualTo(users.at("/cellsPerCityForMargin").asInt());
            assertThat(row.get(7)).isNotNull();
            assertThat(row.get(8)).isNotNull();
        }
        assertThat(fixture.query("SELECT user_match_share, match_share_low FROM diff_run_city WHERE run_id = "
                + again.at("/runId").asLong())).isNotEmpty().allSatisfy(r -> assertThat(r).doesNotContainNull());
        assertThat(again.at("/history").size()).isGreaterThanOrEqualTo(1);
        assertThat(again.at("/history/0/runId").asLong()).isLessThan(again.at("/runId").asLong());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DiffCommandLine.run(args("history", "--limit", "5"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("#" + again.at("/runId").asLong()).contains("complete")
                .contains("res 8 users").contains("res 8 points");
    }

    @Test
    void theHtmlReportRendersInARealBrowserAndNamesTheRecommendation() throws Exception {
        String dom = HeadlessBrowser.dumpDom(freshDir.resolve("report.html"), tmp.resolve("chromium"));

        String recommendation = freshReport.at("/recommendation/text").asString();
        assertThat(dom).contains(escapeHtml(recommendation));
        int cells = freshReport.at("/sampling/cells/7").asInt() + freshReport.at("/sampling/cells/8").asInt();
        assertThat(count(dom, "<polygon class=\"hex\" data-cell=")).isEqualTo(cells);
        assertThat(dom).contains("id=\"fidelity-cost-table\"").contains("id=\"worst-cells\"");
    }

    @Test
    void aGenerationThatDoesNotExistFailsWithOneLineAndStatusOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = DiffCommandLine.run(args("run", "--generation", "nosuch", "--out", tmp.resolve("none").toString()),
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(message).startsWith("hexsnap diff run: failed: generation 'nosuch' is not described in Redis");
        assertThat(message.lines().count()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode diff(Path out, String... options) throws Exception {
        return diffAt(AT, out, options);
    }

    private JsonNode diffAt(Instant at, Path out, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("run", "--upstream", seen.baseUrl(), "--at", at.toString(),
                "--rps", "400", "--concurrency", "8", "--quiet", "--out", out.toString()));
        all.addAll(List.of(options));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        int status = DiffCommandLine.run(args(all.toArray(String[]::new)), new PrintStream(summary, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("diff failed: " + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(summary.toString(StandardCharsets.UTF_8)).contains("res  cells  comparisons  users matching")
                .contains("points matching").contains("target (users)").contains("Cells per city for a users' interval of ± 2 points");
        return JSON.readTree(Files.readAllBytes(out.resolve("report.json")));
    }

    private String[] args(String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(fixture.springArguments());
        return all.toArray(String[]::new);
    }

    /** Drops the store's last leaf category from its stored tree. */
    private void damageTree(String generation, String storeId) throws Exception {
        SnapshotKey key = new SnapshotKey.StoreCategories(storeId);
        var tree = (tools.jackson.databind.node.ObjectNode) JSON.readTree(fixture.stored(generation, key));
        var categories = (tools.jackson.databind.node.ArrayNode) tree.get("categories");
        var last = (tools.jackson.databind.node.ObjectNode) categories.get(categories.size() - 1);
        var children = last.get("children");
        if (children != null && children.size() > 0) {
            ((tools.jackson.databind.node.ArrayNode) children).remove(children.size() - 1);
        } else {
            categories.remove(categories.size() - 1);
        }
        fixture.overwrite(generation, key, Slot.DAY, JSON.writeValueAsBytes(tree));
    }

    private static JsonNode cellNamed(JsonNode report, String address) {
        for (JsonNode cell : report.at("/fidelity/cells")) {
            if (cell.at("/cell/address").asString().equals(address)) {
                return cell;
            }
        }
        throw new AssertionError("cell " + address + " not in the report");
    }

    private static List<String> addresses(JsonNode report) {
        List<String> cells = new ArrayList<>();
        report.at("/fidelity/cells").forEach(c -> cells.add(c.at("/cell/address").asString()));
        cells.sort(null);
        return cells;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
