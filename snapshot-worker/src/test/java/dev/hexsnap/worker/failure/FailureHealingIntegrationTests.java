package dev.hexsnap.worker.failure;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.worker.TestGrid;
import dev.hexsnap.worker.crawl.CellItem;
import dev.hexsnap.worker.crawl.CellLedger;
import dev.hexsnap.worker.crawl.CellOutcome;
import dev.hexsnap.worker.crawl.CellOutcomeWriter;
import dev.hexsnap.worker.entries.GenerationWriter;
import dev.hexsnap.worker.entries.Throughput;
import dev.hexsnap.worker.store.StoreItem;
import dev.hexsnap.worker.store.StoreOutcome;
import dev.hexsnap.worker.store.StoreOutcomeWriter;
import dev.hexsnap.worker.store.StoreRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A re-run replaces what was recorded for each target it crawls again: the pages that now
 * succeed are healed even when another page of the same cell or store still fails (against the
 * real MariaDB). The outcomes carry no pages, so nothing goes to Redis.
 */
class FailureHealingIntegrationTests {

    private ThrowawayDatabase db;
    private JdbcTemplate jdbc;
    private FailureLog log;

    @BeforeEach
    void setUp() {
        db = ThrowawayDatabase.create("failure-healing");
        TestGrid.migrate(db);
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
        log = new FailureLog(jdbc, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** The outcomes below carry no pages, so the writer never reaches a Redis store. */
    private static GenerationWriter noPages() {
        return new GenerationWriter(null, "g1", Duration.ofHours(1), 100, 1, Duration.ofMillis(10), new Throughput());
    }

    private List<String> openPages(String target) {
        return log.list("g1", 100).stream().filter(e -> e.target().equals(target)).map(FailureLog.Entry::page).sorted().toList();
    }

    @Test
    void aStoreRerunHealsThePagesThatNowSucceedAndKeepsTheOnesThatStillFail() throws Exception {
        log.record("g1", FailureLog.STORE, "s-1", null, List.of(new PageFailure("categories", "HTTP 500", 3),
                new PageFailure("products:c1:1", "timeout", 3)));
        log.record("g1", FailureLog.STORE, "s-2", null, List.of(new PageFailure("categories", "HTTP 500", 3)));
        StoreOutcomeWriter writer = new StoreOutcomeWriter(noPages(), new StoreRegistry(jdbc, Clock.systemUTC()), log, "g1", true);

        // s-1: its tree now comes, one product page still fails; s-2: complete now
        writer.write(new Chunk<>(List.of(
                new StoreOutcome(new StoreItem(1, "s-1"), "FAILED", List.of(), List.of(new PageFailure("products:c1:1", "timeout", 3)),
                        null, 0, 0),
                new StoreOutcome(new StoreItem(2, "s-2"), "COMPLETE", List.of(), List.of(), null, 0, 0))));

        assertThat(openPages("s-1")).containsExactly("products:c1:1");
        assertThat(openPages("s-2")).isEmpty();
        assertThat(log.list("g1", 100)).filteredOn(e -> e.page().equals("products:c1:1")).singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(6));
    }

    @Test
    void aCellRerunHealsThePagesThatNowSucceedAndKeepsTheOnesThatStillFail() throws Exception {
        HexGrid grid = HexGrid.shared();
        long cell = grid.cellOf(31.23, 121.47, 8);
        String address = grid.toAddress(cell);
        log.record("g1", FailureLog.CELL, address, 8, List.of(new PageFailure("home", "HTTP 500", 3),
                new PageFailure("channel:fresh", "timeout", 3)));
        CellOutcomeWriter writer = new CellOutcomeWriter(noPages(), new CellLedger(jdbc, Clock.systemUTC()), log,
                new StoreRegistry(jdbc, Clock.systemUTC()), grid, "g1", true);

        writer.write(new Chunk<>(List.of(new CellOutcome(new CellItem(8, cell, 1, grid.center(cell)), List.of(),
                List.of(new PageFailure("channel:fresh", "timeout", 3)), null, List.of(), Map.of(), 0, 0))));

        assertThat(openPages(address)).containsExactly("channel:fresh");
    }
}
