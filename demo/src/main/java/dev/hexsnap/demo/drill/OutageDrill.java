package dev.hexsnap.demo.drill;

import dev.hexsnap.client.FallbackClient;
import dev.hexsnap.client.LocalCopy;
import dev.hexsnap.client.Outcome;
import dev.hexsnap.client.PageRequest;
import dev.hexsnap.client.UpstreamAnswer;
import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.geo.LatLng;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Plays an outage the way the source's failure drills do. Simulated users open the home page
 * through the SOA path: the service asks the live upstream and, when the answer is empty or
 * fails, the fallback API, sending the user's client-cache state; a page comes from the
 * upstream, the snapshot, or the user's own cache. Meanwhile the demo upstream is switched
 * through four phases: live, empty answers, full outage, recovered.
 */
public final class OutageDrill {

    /**
     * A phase of the drill.
     *
     * @param name        short name for the table
     * @param description what happens to the upstream
     * @param faults      the upstream's fault settings (PUT /ops/faults), or null to reset them
     */
    public record Phase(String name, String description, String faults) {
    }

    /** The phases, in the order played. */
    public static final List<Phase> PHASES = List.of(
            new Phase("live", "the upstream answers normally", null),
            new Phase("empty", "home and channel pages come back empty (HTTP 200, nothing in them)",
                    "{\"home\":{\"emptyRate\":1.0},\"channel\":{\"emptyRate\":1.0}}"),
            new Phase("outage", "every upstream request fails",
                    "{\"all\":{\"outage\":true}}"),
            new Phase("recovered", "faults off again", null));

    private final Clock clock = ShiftedClock.fromSystem();
    private final DrillSettings settings;
    private final URI upstream;
    private final String upstreamToken;
    private final FallbackClient fallback;
    private final List<LatLng> places;
    private final PrintStream out;
    private final HttpClient http;
    /** Held (shared) by every upstream call, and (exclusively) while the phase switches. */
    private final ReentrantReadWriteLock upstreamCalls = new ReentrantReadWriteLock();

    /**
     * @param places      where users stand (inside the grid's hot cells)
     * @param callerToken the API's caller token for the client to present, or null when it takes anonymous callers
     */
    public OutageDrill(DrillSettings settings, String upstreamUrl, String upstreamToken, String apiUrl, String callerToken,
                       List<LatLng> places, PrintStream out) {
        if (places.isEmpty()) {
            throw new IllegalArgumentException("no place to put users: the grid has no hot cells");
        }
        this.settings = settings;
        this.upstream = URI.create(upstreamUrl);
        this.upstreamToken = upstreamToken;
        FallbackClient.Builder client = FallbackClient.builder(URI.create(apiUrl));
        this.fallback = (callerToken == null ? client : client.token(callerToken)).build();
        this.places = List.copyOf(places);
        this.out = out;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    }

    /** Plays every phase and returns what happened. */
    public DrillReport run() {
        DrillReport report = new DrillReport();
        Random random = new Random(settings.seed());
        AtomicReference<String> phaseName = new AtomicReference<>(PHASES.getFirst().name());
        long start = System.nanoTime();
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodMicros = 1_000_000L / settings.requestsPerSecond();
        ticker.scheduleAtFixedRate(() -> {
            int userIndex = random.nextInt(settings.users());
            boolean returning = random.nextDouble() < settings.returningShare();
            LatLng place = places.get(Math.floorMod(userIndex * 7919, places.size()));
            requests.submit(() -> oneRequest(report, start, phaseName, userIndex, returning, place));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        try {
            for (Phase phase : PHASES) {
                // No upstream call straddles a switch: each is counted in the phase whose faults it met.
                upstreamCalls.writeLock().lock();
                try {
                    applyFaults(phase);
                    phaseName.set(phase.name());
                } finally {
                    upstreamCalls.writeLock().unlock();
                }
                out.printf("  %s: %s%n", phase.name(), phase.description());
                Thread.sleep(settings.phase().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ticker.shutdownNow();
            requests.shutdown();
            try {
                requests.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            applyFaults(PHASES.getLast());
        }
        return report;
    }

    private void oneRequest(DrillReport report, long start, AtomicReference<String> phaseName, int user, boolean returning,
                            LatLng place) {
        long t0 = System.nanoTime();
        String account = "drill-user-" + user;
        // A returning user's app cached its home page within the last hours; a new user has none.
        LocalCopy local = returning ? new LocalCopy(null, clock.instant().minus(Duration.ofMinutes(30 + user % 300))) : LocalCopy.NONE;
        AtomicReference<String> phase = new AtomicReference<>(phaseName.get());
        Outcome outcome = fallback.serve(PageRequest.home(place.lat(), place.lng()).forUser(account), () -> {
            upstreamCalls.readLock().lock();
            try {
                phase.set(phaseName.get());
                return askUpstream(place, account);
            } finally {
                upstreamCalls.readLock().unlock();
            }
        }, local);
        long micros = (System.nanoTime() - t0) / 1000;
        int second = (int) ((t0 - start) / 1_000_000_000L);
        report.record(second, phase.get(), outcome.source(), micros);
    }

    private UpstreamAnswer askUpstream(LatLng place, String account) {
        URI uri = upstream.resolve(String.format(Locale.ROOT, "/v1/pages/home?lat=%.6f&lng=%.6f&account=%s",
                place.lat(), place.lng(), URLEncoder.encode(account, StandardCharsets.UTF_8)));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(settings.upstreamTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? UpstreamAnswer.ok(response.body())
                    : UpstreamAnswer.failed("HTTP " + response.statusCode());
        } catch (IOException e) {
            return UpstreamAnswer.failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UpstreamAnswer.failed("interrupted");
        }
    }

    private void applyFaults(Phase phase) {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve("/ops/faults"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + upstreamToken);
        request = phase.faults() == null ? request.DELETE()
                : request.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(phase.faults()));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the upstream refused the fault settings of phase " + phase.name()
                        + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the upstream's operator endpoint: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
