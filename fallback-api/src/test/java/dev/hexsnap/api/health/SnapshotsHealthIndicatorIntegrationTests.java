package dev.hexsnap.api.health;

import dev.hexsnap.api.SnapshotFixture;
import dev.hexsnap.api.source.GenerationPointers;
import dev.hexsnap.api.source.HotEntryCache;
import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.api.warmup.CacheWarmer;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health's {@code stale} flag against a generation really published in Redis, read at
 * fixed moments: fresh up to {@code stale-after}, stale past it, and the API stays UP either way.
 */
class SnapshotsHealthIndicatorIntegrationTests {

    static final Duration STALE_AFTER = Duration.ofHours(36);

    @Test
    void aGenerationOlderThanStaleAfterIsFlaggedStaleAndTheApiStaysUp() {
        String ns = TestNamespaces.fresh();
        RedisSettings redis = RedisSettings.standalone(TestServices.REDIS, ns);
        try (SnapshotFixture fixture = new SnapshotFixture(redis);
             SnapshotSource source = new SnapshotSource(redis.forServing(Duration.ofSeconds(2)), Duration.ofSeconds(1));
             GenerationPointers pointers = new GenerationPointers(source, ZoneId.of("Asia/Shanghai"), LocalTime.of(6, 0),
                     LocalTime.of(22, 0), Duration.ofMinutes(1))) {
            // given a day generation published in Redis
            SnapshotFixture.Generation day = fixture.generation("g-health", Slot.DAY, "7");
            day.home(new LatLng(31.2304, 121.4737), 7, Instant.parse("2026-11-23T04:00:00Z"),
                    SnapshotFixture.locationPage("home", null, new LatLng(31.2304, 121.4737), "shanghai", "s1"));
            day.publish();
            source.start();
            pointers.refresh();
            Instant publishedAt = pointers.current().get(Slot.DAY).publishedAt();
            assertThat(publishedAt).isNotNull();

            // when the health is read just within stale-after, and just past it
            Health within = indicator(source, pointers, publishedAt.plus(STALE_AFTER)).health();
            Health past = indicator(source, pointers, publishedAt.plus(STALE_AFTER).plusSeconds(1)).health();

            // then only the second is stale, and both are UP with the age in seconds
            assertThat(within.getStatus()).isEqualTo(Status.UP);
            assertThat(day(within)).containsEntry("generation", "g-health")
                    .containsEntry("ageSeconds", STALE_AFTER.toSeconds()).containsEntry("stale", false);
            assertThat(past.getStatus()).isEqualTo(Status.UP);
            assertThat(day(past)).containsEntry("ageSeconds", STALE_AFTER.toSeconds() + 1).containsEntry("stale", true);
            assertThat(past.getDetails().get("night")).isEqualTo(java.util.Collections.singletonMap("generation", null));
        } finally {
            TestNamespaces.clear(ns);
        }
    }

    static SnapshotsHealthIndicator indicator(SnapshotSource source, GenerationPointers pointers, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        // warm-up off and never started: the staleness is what this test reads
        CacheWarmer warmer = new CacheWarmer(source, pointers, HotEntryCache.of(DataSize.ofBytes(0), null), 7, false,
                DataSize.ofMegabytes(1), List.of("home"), Duration.ofMinutes(1), clock);
        return new SnapshotsHealthIndicator(source, pointers, warmer, STALE_AFTER, clock);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> day(Health health) {
        return (Map<String, Object>) health.getDetails().get("day");
    }
}
