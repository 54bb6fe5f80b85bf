package dev.hexsnap.api.health;

import dev.hexsnap.api.negotiation.FallbackKind;
import dev.hexsnap.api.negotiation.SnapshotServing;
import dev.hexsnap.api.source.GenerationPointers;
import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.page.Slot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The API's meters, all read off the finished answer so that no feature has to remember to
 * count:
 * <ul>
 *   <li>{@code hexsnap.api.requests{kind, outcome}}: a timer (count and latency, with a
 *       percentile histogram) per page kind and outcome: {@code hit} (200), {@code not-modified}
 *       (304), {@code miss} (404), {@code disabled} (409), {@code unavailable} (503),
 *       {@code bad-request} (400), {@code error};</li>
 *   <li>{@code hexsnap.api.fallbacks{kind, fallback}}: answers served from a neighbour, coarser or
 *       finer cell;</li>
 *   <li>{@code hexsnap.api.corrupt.entries}: stored values that failed their checks (never served);</li>
 *   <li>{@code hexsnap.api.generation.age{slot}}: seconds since the served generation was published.</li>
 * </ul>
 */
public final class ApiMetrics implements HandlerInterceptor {

    private static final String START = ApiMetrics.class.getName() + ".start";
    private static final String[] OUTCOMES = {"hit", "not-modified", "miss", "disabled", "unavailable", "bad-request", "error"};

    private final MeterRegistry registry;
    /** Timers by page kind and outcome, registered on first use: no registry lookup per request. */
    private final AtomicReferenceArray<Timer> requests = new AtomicReferenceArray<>(PageKind.values().length * OUTCOMES.length);
    /** Fallback counters by page kind and fallback kind, registered on first use. */
    private final AtomicReferenceArray<Counter> fallbacks = new AtomicReferenceArray<>(PageKind.values().length * FallbackKind.values().length);

    public ApiMetrics(MeterRegistry registry, SnapshotSource source, GenerationPointers pointers, Clock clock) {
        this.registry = registry;
        FunctionCounter.builder("hexsnap.api.corrupt.entries", source, SnapshotSource::corruptEntries)
                .description("stored values that failed their checks when read (answered as missing, never served)")
                .register(registry);
        for (Slot slot : Slot.values()) {
            Gauge.builder("hexsnap.api.generation.age", pointers, p -> {
                        GenerationPointers.Published published = p.current().get(slot);
                        return published == null || published.publishedAt() == null ? Double.NaN
                                : Duration.between(published.publishedAt(), clock.instant()).toMillis() / 1000.0;
                    })
                    .tag("slot", slot.id())
                    .baseUnit("seconds")
                    .description("time since the slot's current generation was published")
                    .register(registry);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(START, System.nanoTime());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        Object start = request.getAttribute(START);
        if (start != null) {
            record(request, response, (long) start, ex);
        }
    }

    /**
     * Records a finished snapshot request (one marked by {@link SnapshotServing#mark}; others are
     * ignored): its latency by kind and outcome, and the fallback that served it.
     *
     * @param startNanos  {@link System#nanoTime()} when the request reached the API
     * @param unresolved  the exception nothing answered for (counted as an error), or null
     */
    public void record(HttpServletRequest request, HttpServletResponse response, long startNanos, Exception unresolved) {
        if (!(request.getAttribute(SnapshotServing.KIND_ATTRIBUTE) instanceof PageKind kind)) {
            return;
        }
        int status = unresolved != null && response.getStatus() < 400 ? 500 : response.getStatus();
        requestTimer(kind, outcomeIndex(status)).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        String fallback = response.getHeader(FallbackKind.HEADER);
        if (fallback != null && !fallback.equals(FallbackKind.EXACT.id())) {
            for (FallbackKind which : FallbackKind.values()) {
                if (which.id().equals(fallback)) {
                    fallbackCounter(kind, which).increment();
                }
            }
        }
    }

    private Timer requestTimer(PageKind kind, int outcome) {
        int slot = kind.ordinal() * OUTCOMES.length + outcome;
        Timer timer = requests.get(slot);
        if (timer == null) {
            timer = Timer.builder("hexsnap.api.requests")
                    .tag("kind", kind.id())
                    .tag("outcome", OUTCOMES[outcome])
                    .publishPercentileHistogram()
                    .description("snapshot requests by page kind and outcome")
                    .register(registry);
            requests.set(slot, timer);
        }
        return timer;
    }

    private Counter fallbackCounter(PageKind kind, FallbackKind fallback) {
        int slot = kind.ordinal() * FallbackKind.values().length + fallback.ordinal();
        Counter counter = fallbacks.get(slot);
        if (counter == null) {
            counter = Counter.builder("hexsnap.api.fallbacks")
                    .description("snapshot answers served from another cell than the asked one")
                    .tag("kind", kind.id())
                    .tag("fallback", fallback.id())
                    .register(registry);
            fallbacks.set(slot, counter);
        }
        return counter;
    }

    private static int outcomeIndex(int status) {
        return switch (status) {
            case 200 -> 0;
            case 304 -> 1;
            case 404 -> 2;
            case 409 -> 3;
            case 503 -> 4;
            case 400 -> 5;
            default -> 6;
        };
    }
}
