package dev.hexsnap.api.health;

import dev.hexsnap.api.source.GenerationPointers;
import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.api.warmup.CacheWarmer;
import dev.hexsnap.api.warmup.WarmUpStatus;
import dev.hexsnap.core.page.Slot;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /actuator/health/snapshots}: DOWN when Redis does not answer a PING; otherwise UP with
 * the generation each slot serves and its age, flagged {@code stale} past
 * {@code hexsnap.api.stale-after}. A stale or missing generation does not make the API DOWN:
 * it still answers (honestly, with the snapshot's age), and a load balancer must not take it
 * out for that. {@code warmUp} says how warm the hot cache is ({@link WarmUpStatus}): a cold cache
 * does not make the API DOWN either.
 */
public final class SnapshotsHealthIndicator implements HealthIndicator {

    private final SnapshotSource source;
    private final GenerationPointers pointers;
    private final CacheWarmer warmer;
    private final Duration staleAfter;
    private final Clock clock;

    public SnapshotsHealthIndicator(SnapshotSource source, GenerationPointers pointers, CacheWarmer warmer,
                                    Duration staleAfter, Clock clock) {
        this.source = source;
        this.pointers = pointers;
        this.warmer = warmer;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    @Override
    public Health health() {
        boolean reachable = source.ping();
        Health.Builder health = reachable ? Health.up() : Health.down();
        health.withDetail("redis", reachable ? "reachable" : "unreachable: " + source.lastProblem());
        for (Slot slot : Slot.values()) {
            GenerationPointers.Published published = pointers.current().get(slot);
            Map<String, Object> detail = new LinkedHashMap<>();
            if (published == null) {
                detail.put("generation", null);
            } else {
                detail.put("generation", published.generation());
                detail.put("resolutions", published.resolutions());
                if (published.publishedAt() != null) {
                    Duration age = Duration.between(published.publishedAt(), clock.instant());
                    detail.put("publishedAt", published.publishedAt().toString());
                    detail.put("ageSeconds", age.toSeconds());
                    detail.put("stale", age.compareTo(staleAfter) > 0);
                }
            }
            health.withDetail(slot.id(), detail);
        }
        WarmUpStatus warm = warmer.status();
        Map<String, Object> warmUp = new LinkedHashMap<>();
        warmUp.put("state", warm.state());
        warmUp.put("generation", warm.generation());
        warmUp.put("resolution", warm.resolution());
        warmUp.put("cellsListed", warm.cellsListed());
        warmUp.put("cellsHeld", warm.cellsHeld());
        warmUp.put("entries", warm.entries());
        warmUp.put("bytes", warm.bytes());
        warmUp.put("budgetBytes", warm.budgetBytes());
        warmUp.put("requestShare", Math.round(warm.requestShare() * 10_000) / 10_000.0);
        warmUp.put("millis", warm.millis());
        if (!warm.detail().isEmpty()) {
            warmUp.put("detail", warm.detail());
        }
        health.withDetail("warmUp", warmUp);
        return health.build();
    }
}
