package dev.hexsnap.worker.recrawl;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.worker.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim SQL against the real MariaDB: concurrent claims, slots, stale and released claims. */
class RecrawlQueueIntegrationTests {

    private ThrowawayDatabase db;

    @BeforeEach
    void setUp() {
        db = ThrowawayDatabase.create("recrawl-queue");
        TestGrid.migrate(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** A JdbcTemplate whose connections use the given isolation level (the worker's pool sets READ COMMITTED). */
    private JdbcTemplate jdbc(int isolation) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                connection.setTransactionIsolation(isolation);
                return connection;
            }
        };
        return new JdbcTemplate(dataSource);
    }

    private long diffRun(JdbcTemplate jdbc, Slot slot) {
        jdbc.update("""
                INSERT INTO diff_run (status, started_at, slot, seed, cities_requested, cells_per_city, threshold, target)
                VALUES ('COMPLETE', NOW(3), ?, 1, 39, 10, 0.8, 0.9)""", slot.id());
        return jdbc.queryForObject("SELECT MAX(run_id) FROM diff_run", Long.class);
    }

    /** Requests as the diff-checker records them. */
    private void request(JdbcTemplate jdbc, Long diffRun, String... stores) {
        List<Object[]> rows = new ArrayList<>();
        for (String store : stores) {
            rows.add(new Object[]{Timestamp.from(Instant.now()), diffRun, store, "category tree differs"});
        }
        jdbc.batchUpdate("INSERT INTO store_recrawl_request (requested_at, diff_run_id, store_id, reason, status) "
                + "VALUES (?, ?, ?, ?, 'PENDING')", rows);
    }

    @ParameterizedTest(name = "isolation {0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ})
    void concurrentClaimsNeverTakeTheSameRequest(int isolation) throws Exception {
        // given 120 pending requests of the day slot
        JdbcTemplate jdbc = jdbc(isolation);
        long run = diffRun(jdbc, Slot.DAY);
        String[] stores = new String[120];
        for (int i = 0; i < stores.length; i++) {
            stores[i] = "s-" + i;
        }
        request(jdbc, run, stores);
        RecrawlQueue queue = new RecrawlQueue(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), Clock.systemUTC());

        // when 6 runs claim up to 15 each at the same moment
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> claims = new ArrayList<>();
        try (ExecutorService runs = Executors.newFixedThreadPool(6)) {
            for (int t = 0; t < 6; t++) {
                String token = "run-" + t;
                claims.add(runs.submit(() -> {
                    go.await();
                    return queue.claim(token, Slot.DAY, 15);
                }));
            }
            go.countDown();
            for (Future<Integer> claim : claims) {
                // then each got its full share (there are enough for all)
                assertThat(claim.get()).isEqualTo(15);
            }
        }

        // and every request is held by at most one run, taken once; 90 are held, 30 still pending
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT store_id, status, claimed_by, attempts, picked_up_at FROM store_recrawl_request");
        assertThat(rows).filteredOn(r -> "IN_PROGRESS".equals(r.get("status"))).hasSize(90)
                .allSatisfy(r -> {
                    assertThat(r.get("attempts")).isEqualTo(1);
                    assertThat(r.get("picked_up_at")).isNotNull();
                    assertThat((String) r.get("claimed_by")).startsWith("run-");
                });
        assertThat(rows).filteredOn(r -> "PENDING".equals(r.get("status"))).hasSize(30)
                .allSatisfy(r -> assertThat(r.get("claimed_by")).isNull());
        for (int t = 0; t < 6; t++) {
            assertThat(queue.ofClaim("run-" + t)).as("run-" + t).hasSize(15);
        }
        // and the oldest were taken first
        assertThat(jdbc.queryForObject("SELECT MAX(id) FROM store_recrawl_request WHERE status = 'IN_PROGRESS'", Long.class))
                .isLessThan(jdbc.queryForObject("SELECT MIN(id) FROM store_recrawl_request WHERE status = 'PENDING'", Long.class));
    }

    @Test
    void aSlotTakesTheRequestsOfItsOwnDiffRunsAndThoseMadeByHand() {
        // given requests from a day diff, a night diff, by hand, and from a diff run that is no longer recorded
        JdbcTemplate jdbc = jdbc(Connection.TRANSACTION_READ_COMMITTED);
        request(jdbc, diffRun(jdbc, Slot.DAY), "day-1", "day-2");
        request(jdbc, diffRun(jdbc, Slot.NIGHT), "night-1");
        request(jdbc, null, "hand-1");
        request(jdbc, 9_999L, "lost-1");
        RecrawlQueue queue = new RecrawlQueue(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), Clock.systemUTC());

        // then the day slot counts and takes all but the night diff's
        assertThat(queue.pending(Slot.DAY)).isEqualTo(4);
        assertThat(queue.pending(Slot.NIGHT)).isEqualTo(3);
        assertThat(queue.claim("day-run", Slot.DAY, 100)).isEqualTo(4);
        assertThat(queue.ofClaim("day-run")).extracting(RecrawlQueue.Request::storeId)
                .containsExactly("day-1", "day-2", "hand-1", "lost-1");
        assertThat(queue.pending(Slot.NIGHT)).isEqualTo(1);
    }

    @Test
    void requestsOfADeadRunGoBackToPendingAndThoseOfALiveOneStay() {
        // given two runs holding requests, one of which stopped beating ten minutes ago
        JdbcTemplate jdbc = jdbc(Connection.TRANSACTION_READ_COMMITTED);
        request(jdbc, null, "s-1", "s-2", "s-3", "s-4");
        RecrawlQueue queue = new RecrawlQueue(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), Clock.systemUTC());
        queue.claim("dead", Slot.DAY, 2);
        queue.claim("alive", Slot.DAY, 2);
        jdbc.update("UPDATE store_recrawl_request SET heartbeat_at = ? WHERE claimed_by = 'dead'",
                Timestamp.from(Instant.now().minusSeconds(600)));

        // when stale claims (no beat for 30 s) are released
        int released = queue.releaseStale(Instant.now().minusSeconds(30));

        // then the dead run's two are pending again, counted as tried once; the live run keeps its own
        assertThat(released).isEqualTo(2);
        assertThat(queue.ofClaim("dead")).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo("PENDING"));
        assertThat(queue.ofClaim("alive")).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo("IN_PROGRESS"));
        assertThat(queue.claim("next", Slot.DAY, 10)).isEqualTo(2);
        assertThat(queue.ofClaim("dead")).isEmpty();
        assertThat(queue.ofClaim("next")).extracting(RecrawlQueue.Request::storeId, RecrawlQueue.Request::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s-1", 2), org.assertj.core.groups.Tuple.tuple("s-2", 2));
    }

    @Test
    void finishingAStoreEndsEveryRequestTheRunHoldsForItAndReleasingHandsBackTheRest() {
        // given a run holding two requests for s-1 (an old one given back by a dead run, and a newer one) and one for s-2
        JdbcTemplate jdbc = jdbc(Connection.TRANSACTION_READ_COMMITTED);
        request(jdbc, null, "s-1", "s-1", "s-2");
        RecrawlQueue queue = new RecrawlQueue(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), Clock.systemUTC());
        assertThat(queue.claim("run", Slot.DAY, 10)).isEqualTo(3);

        // when s-1 is finished and the run ends without s-2
        queue.finish("run", List.of(new RecrawlQueue.Finished("s-1", RecrawlQueue.DONE, "g1", 7, "7 pages written")));
        int released = queue.release("run");

        // then both requests of s-1 are DONE with what happened, s-2 is pending again
        assertThat(released).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT store_id, status, generation, pages, result FROM store_recrawl_request ORDER BY id"))
                .extracting(r -> r.get("store_id") + " " + r.get("status") + " " + r.get("generation") + " " + r.get("pages") + " " + r.get("result"))
                .containsExactly("s-1 DONE g1 7 7 pages written", "s-1 DONE g1 7 7 pages written", "s-2 PENDING null null null");
    }
}
