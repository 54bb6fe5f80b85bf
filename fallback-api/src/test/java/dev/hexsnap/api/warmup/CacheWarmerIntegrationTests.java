package dev.hexsnap.api.warmup;

import dev.hexsnap.api.SnapshotFixture;
import dev.hexsnap.api.source.BodyFiles;
import dev.hexsnap.api.source.GenerationPointers;
import dev.hexsnap.api.source.HotEntryCache;
import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.RequestHeat;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up pass against the machine's Redis (a namespace of its own): hottest first, within the
 * budget, paced. Time is a fake clock that only the pacer's pauses move, so the pauses it asks for
 * are exactly what the rate requires.
 */
class CacheWarmerIntegrationTests {

    static final String GENERATION = "g-warm";
    static final int CELLS = 12;
    static final long RATE = 100_000; // bytes per second
    static final Clock NOON_IN_SHANGHAI = Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneOffset.UTC);

    static String ns;
    static SnapshotSource source;
    static GenerationPointers pointers;
    /** The crawled cells, hottest first, with their stored lengths. */
    static List<Hot> hottest = new ArrayList<>();
    static long totalRequests;

    record Hot(long cell, long requests, long storedLength) {
        String path() {
            return new SnapshotKey.Home(7, cell).path();
        }

        long weight() {
            return HotEntryCache.weigh(GENERATION, path(), storedLength);
        }
    }

    @TempDir
    Path bodies;
    final AtomicLong now = new AtomicLong();
    final List<Duration> pauses = new ArrayList<>();
    HotEntryCache cache;
    BodyFiles bodyFiles;

    @BeforeAll
    static void publish() {
        ns = TestNamespaces.fresh();
        RedisSettings settings = RedisSettings.standalone(TestServices.REDIS, ns);
        List<RequestHeat.Cell> heat = new ArrayList<>();
        try (SnapshotFixture fixture = new SnapshotFixture(settings)) {
            SnapshotFixture.Generation g = fixture.generation(GENERATION, Slot.DAY, "7");
            for (int i = 0; i < CELLS; i++) {
                LatLng at = new LatLng(30.0 + i * 0.05, 120.0);
                String[] stores = new String[1 + i % 5];
                for (int s = 0; s < stores.length; s++) {
                    stores[s] = "s" + i + "-" + s;
                }
                long cell = g.home(at, 7, Instant.parse("2026-11-23T02:00:00Z"),
                        SnapshotFixture.locationPage("home", null, at, "cell-" + i, stores));
                // Heat in an order unrelated to the order written.
                heat.add(new RequestHeat.Cell(cell, 100L * ((i * 7) % CELLS + 1)));
            }
            // A hot cell the crawl did not get: listed, with no page, passed over.
            heat.add(new RequestHeat.Cell(0x871f1d489ffffffL, 5_000));
            g.publish();
            fixture.store().writeHeat(GENERATION, 7, heat);
            for (RequestHeat.Cell cell : heat) {
                fixture.store().readRaw(GENERATION, new SnapshotKey.Home(7, cell.cell()))
                        .ifPresent(raw -> hottest.add(new Hot(cell.cell(), cell.requests(), raw.length)));
                totalRequests += cell.requests();
            }
        }
        hottest.sort(Comparator.comparingLong(Hot::requests).reversed());
        source = new SnapshotSource(settings.forServing(Duration.ofSeconds(2)), Duration.ofMinutes(1));
        source.start();
        pointers = new GenerationPointers(source, ZoneId.of("Asia/Shanghai"), LocalTime.of(6, 0), LocalTime.of(22, 0),
                Duration.ofMinutes(1));
        pointers.refresh();
    }

    @AfterAll
    static void stop() {
        pointers.close();
        source.close();
        TestNamespaces.clear(ns);
    }

    @AfterEach
    void closeBodyFiles() {
        bodyFiles.close();
    }

    CacheWarmer warmer(long budget, boolean enabled) throws IOException {
        bodyFiles = BodyFiles.under(bodies, Duration.ofMinutes(1));
        cache = HotEntryCache.of(DataSize.ofBytes(budget), bodyFiles);
        return new CacheWarmer(source, pointers, cache, 7, enabled, DataSize.ofBytes(RATE), List.of("home"),
                Duration.ofMinutes(1), NOON_IN_SHANGHAI, now::get, pause -> {
                    pauses.add(pause);
                    now.addAndGet(pause.toNanos());
                });
    }

    @Test
    void theHottestEntriesFillTheBudgetAndTheWarmUpStopsWhenItIsFull() throws Exception {
        long budget = 0;
        for (int i = 0; i < 5; i++) {
            budget += hottest.get(i).weight();
        }
        budget += hottest.get(5).weight() / 2;
        CacheWarmer warmer = warmer(budget, true);

        warmer.check();

        WarmUpStatus status = warmer.status();
        assertThat(status.state()).isEqualTo("full");
        assertThat(status.generation()).isEqualTo(GENERATION);
        assertThat(status.cellsListed()).isEqualTo(CELLS + 1);
        assertThat(status.cellsHeld()).isEqualTo(5);
        assertThat(status.entries()).isEqualTo(5);
        for (int i = 0; i < CELLS; i++) {
            assertThat(cache.contains(GENERATION, hottest.get(i).path())).as("cell %d by heat", i).isEqualTo(i < 5);
        }
        assertThat(cache.weightedSize()).isLessThanOrEqualTo(budget);
        assertThat(bodyFiles.fileCount()).isEqualTo(5);
        long top5 = hottest.subList(0, 5).stream().mapToLong(Hot::requests).sum();
        assertThat(status.requestShare()).isCloseTo((double) top5 / totalRequests, org.assertj.core.data.Offset.offset(1e-9));
        // Paced: the pauses add up to the bytes read (the five held and the one that did not fit) at the rate.
        long read = hottest.subList(0, 6).stream().mapToLong(Hot::storedLength).sum();
        assertThat(status.bytes()).isEqualTo(read);
        assertThat(pausedNanos()).isCloseTo(read * 1_000_000_000L / RATE, org.assertj.core.data.Offset.offset(1_000_000L));
    }

    @Test
    void everythingFitsInALargeBudgetAndEachBatchIsPacedAtTheRate() throws Exception {
        CacheWarmer warmer = warmer(DataSize.ofMegabytes(64).toBytes(), true);

        warmer.check();

        WarmUpStatus status = warmer.status();
        assertThat(status.state()).isEqualTo("warm");
        assertThat(status.cellsHeld()).isEqualTo(CELLS);
        assertThat(status.requestShare()).isCloseTo((double) (totalRequests - 5_000) / totalRequests,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(hottest).allSatisfy(hot -> assertThat(cache.contains(GENERATION, hot.path())).isTrue());
        // Thirteen listed cells are four batches: a pause after each, together the bytes at the rate.
        long all = hottest.stream().mapToLong(Hot::storedLength).sum();
        int batches = (CELLS + 1 + CacheWarmer.CELLS_PER_BATCH - 1) / CacheWarmer.CELLS_PER_BATCH;
        assertThat(pauses).hasSize(batches);
        assertThat(pausedNanos()).isCloseTo(all * 1_000_000_000L / RATE, org.assertj.core.data.Offset.offset(1_000_000L));

        warmer.check(); // the same generation, no change since: nothing more to do
        assertThat(pauses).hasSize(batches);
    }

    @Test
    void turnedOffItOnlySaysWhatTheBudgetWouldCover() throws Exception {
        long budget = hottest.get(0).weight() + hottest.get(1).weight() + hottest.get(2).weight() / 2;
        CacheWarmer warmer = warmer(budget, false);

        warmer.check();

        WarmUpStatus status = warmer.status();
        assertThat(status.state()).isEqualTo("sized");
        assertThat(status.cellsHeld()).isEqualTo(2);
        assertThat(status.requestShare()).isCloseTo((double) (hottest.get(0).requests() + hottest.get(1).requests()) / totalRequests,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(hottest).allSatisfy(hot -> assertThat(cache.contains(GENERATION, hot.path())).isFalse());
        assertThat(pauses).isEmpty();
    }

    long pausedNanos() {
        return pauses.stream().mapToLong(Duration::toNanos).sum();
    }
}
