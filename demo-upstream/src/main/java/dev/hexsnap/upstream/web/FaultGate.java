package dev.hexsnap.upstream.web;

import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.upstream.faults.Faults;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

/**
 * Plays the failure drills on a request: added latency, then an error, a hang, an empty page,
 * or the real page. Requests run on virtual threads, so a hanging request costs no platform
 * thread and never holds up the others.
 */
final class FaultGate {

    private static final ApiError STOPPING = new ApiError(503, "stopping", null, "the upstream is stopping");

    private final Faults faults;
    private final Duration timeoutHang;
    private final JsonResponses json;

    FaultGate(Faults faults, Duration timeoutHang, JsonResponses json) {
        this.faults = faults;
        this.timeoutHang = timeoutHang;
        this.json = json;
    }

    /** What the handler should do after the gate: serve the page, or serve an empty one. */
    enum Pass {
        SERVE, EMPTY, HANDLED
    }

    Pass pass(FaultTarget endpoint, HttpServletResponse response) throws IOException {
        Faults.Decision decision = faults.decide(endpoint);
        if (decision.latencyMs() > 0 && !sleep(Duration.ofMillis(decision.latencyMs()))) {
            json.error(response, STOPPING);
            return Pass.HANDLED;
        }
        switch (decision.outcome()) {
            case SERVE -> {
                return Pass.SERVE;
            }
            case EMPTY -> {
                return Pass.EMPTY;
            }
            case ERROR_500 -> json.error(response, new ApiError(500, "injected_fault", null, "injected error (failure drill on " + endpoint.id() + ")"));
            case ERROR_503 -> json.error(response, new ApiError(503, "injected_fault", null, "injected unavailability (failure drill on " + endpoint.id() + ")"));
            case OUTAGE -> json.error(response, new ApiError(503, "outage", null, "the " + endpoint.id() + " service is down (outage drill)"));
            case TIMEOUT -> {
                json.error(response, sleep(timeoutHang)
                        ? new ApiError(504, "timeout", null, "injected timeout (failure drill on " + endpoint.id() + ")")
                        : STOPPING);
            }
        }
        return Pass.HANDLED;
    }

    /** Sleeps; false when interrupted (the server is stopping). */
    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
