package dev.hexsnap.api.negotiation;

import dev.hexsnap.api.error.ApiException;
import dev.hexsnap.api.rollout.Rollout;
import dev.hexsnap.api.rollout.RolloutDecision;
import dev.hexsnap.api.rollout.RolloutSubject;
import dev.hexsnap.api.source.GenerationPointers;
import dev.hexsnap.api.source.GenerationPointers.Serving;
import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.core.page.PageKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The steps every snapshot request goes through once its parameters are valid: the client's
 * cache headers (400 when garbage), the roll-out (409 when off), a young client copy (304
 * before anything is read from Redis: the client's own cache comes first), the generation to serve
 * (503 before Redis was ever reached, 404 when nothing is published), the feature's lookup
 * (404 when nothing is found), then the answer.
 *
 * <p>Thread-safe.
 */
public final class SnapshotServing {

    /** Request attribute holding the {@link PageKind} of a snapshot request, for metrics. */
    public static final String KIND_ATTRIBUTE = SnapshotServing.class.getName() + ".kind";

    private final GenerationPointers pointers;
    private final SnapshotSource source;
    private final Rollout rollout;
    private final SnapshotResponder responder;
    private final Duration clockSkew;
    private final Clock clock;

    public SnapshotServing(GenerationPointers pointers, SnapshotSource source, Rollout rollout,
                           SnapshotResponder responder, Duration clockSkew, Clock clock) {
        this.pointers = pointers;
        this.source = source;
        this.rollout = rollout;
        this.responder = responder;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** Marks the request with its page kind (for metrics); call first thing in a handler. */
    public static void mark(HttpServletRequest request, PageKind kind) {
        request.setAttribute(KIND_ATTRIBUTE, kind);
    }

    /**
     * Serves a request whose parameters are already checked.
     *
     * @param lookup finds the snapshot in the generation, or throws {@link ApiException} 404
     */
    public void serve(PageKind kind, RolloutSubject subject, HttpServletRequest request, HttpServletResponse response,
                      Function<Serving, Served> lookup) throws IOException {
        Instant now = clock.instant();
        ClientCache client = ClientCache.of(request, now, clockSkew);
        RolloutDecision decision = rollout.decide(kind, subject);
        if (!decision.on()) {
            throw ApiException.disabled(decision.reason(), "the fallback for " + kind.id()
                    + " pages is not rolled out to this request (" + decision.reason() + "); do not use a snapshot");
        }
        Optional<Serving> current = pointers.servingAt(now);
        if (responder.youngCopy(client, now)) {
            // The pointers are held in process: naming the generation costs no Redis round trip.
            current.ifPresent(serving -> responder.describe(serving, response));
            responder.writeYoungCopy(response);
            return;
        }
        Serving serving = current.orElseThrow(() -> nothingToServe(now));
        responder.describe(serving, response);
        Served served = lookup.apply(serving);
        responder.write(served, client, request, response, now);
    }

    private ApiException nothingToServe(Instant now) {
        if (!pointers.loaded() || !source.isConnected()) {
            return ApiException.unavailable("redis-unavailable",
                    "the snapshot store (Redis) has not been reachable yet; try again shortly");
        }
        return ApiException.notFound("no-generation", "no snapshot generation is published for the "
                + pointers.slotAt(now).id() + " slot");
    }
}
