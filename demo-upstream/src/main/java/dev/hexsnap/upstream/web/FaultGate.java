package dev.hexsnap.upstream.web;

import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.upstream.faults.Faults;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

/**
 * Plays the failure drills on a request: added latency, then an error, a hang, an empty page,
 * or the real page. Requests run on virtual threads, so a hanging request costs no platform
 * thread and never holds up the others. Both page APIs go through it; each says how a failure
 * is written ({@link FailureWriter}): v1 as the error's HTTP status, the gateway as an envelope.
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

    /** Writes a drill's failure in one API's way. */
    @FunctionalInterface
    interface FailureWriter {
        void write(HttpServletResponse response, ApiError error) throws IOException;
    }

    /** Plays the drills of v1 ({@code /v1/pages/*}): failures as JSON errors with their HTTP status. */
    Pass pass(FaultTarget endpoint, HttpServletResponse response) throws IOException {
        return pass(endpoint, response, json::error);
    }

    Pass pass(FaultTarget endpoint, HttpServletResponse response, FailureWriter failures) throws IOException {
        Faults.Decision decision = faults.decide(endpoint);
        if (decision.latencyMs() > 0 && !sleep(Duration.ofMillis(decision.latencyMs()))) {
            failures.write(response, STOPPING);
            return Pass.HANDLED;
        }
        switch (decision.outcome()) {
            case SERVE -> {
                return Pass.SERVE;
            }
            case EMPTY -> {
                return Pass.EMPTY;
            }
            case ERROR_500 -> failures.write(response, new ApiError(500, "injected_fault", null, "injected error (failure drill on " + endpoint.id() + ")"));
            case ERROR_503 -> failures.write(response, new ApiError(503, "injected_fault", null, "injected unavailability (failure drill on " + endpoint.id() + ")"));
            case OUTAGE -> failures.write(response, new ApiError(503, "outage", null, "the " + endpoint.id() + " service is down (outage drill)"));
            case TIMEOUT -> {
                failures.write(response, sleep(timeoutHang)
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
