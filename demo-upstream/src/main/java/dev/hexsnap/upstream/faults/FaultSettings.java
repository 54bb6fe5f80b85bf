package dev.hexsnap.upstream.faults;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The faults injected into one endpoint. Each rate is the share of requests that get that
 * fault: one draw per request picks at most one of them (so the rates add up to at most 1),
 * and latency is added before any answer.
 *
 * @param latencyMs   added to every request, in milliseconds, within [0, 60000]
 * @param errorRate   share of requests answered HTTP 500 or 503 (half each), within [0, 1]
 * @param timeoutRate share of requests that hang past any sane client timeout, within [0, 1]
 * @param emptyRate   share of requests answered 200 with an empty page (serviceable, no
 *                    stores, categories or products: what a failing back-end returns), within [0, 1]
 * @param outage      every request fails with HTTP 503
 */
public record FaultSettings(long latencyMs, double errorRate, double timeoutRate, double emptyRate, boolean outage) {

    private static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, false);

    public FaultSettings {
        if (latencyMs < 0 || latencyMs > 60_000) {
            throw new IllegalArgumentException("latencyMs must be within [0, 60000], got " + latencyMs);
        }
        checkRate("errorRate", errorRate);
        checkRate("timeoutRate", timeoutRate);
        checkRate("emptyRate", emptyRate);
        if (errorRate + timeoutRate + emptyRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("errorRate + timeoutRate + emptyRate must not exceed 1, got "
                    + (errorRate + timeoutRate + emptyRate));
        }
    }

    /** No fault at all (the default). */
    public static FaultSettings none() {
        return NONE;
    }

    /** Every request fails. */
    public static FaultSettings fullOutage() {
        return NONE.withOutage(true);
    }

    public FaultSettings withLatencyMs(long value) {
        return new FaultSettings(value, errorRate, timeoutRate, emptyRate, outage);
    }

    public FaultSettings withErrorRate(double value) {
        return new FaultSettings(latencyMs, value, timeoutRate, emptyRate, outage);
    }

    public FaultSettings withTimeoutRate(double value) {
        return new FaultSettings(latencyMs, errorRate, value, emptyRate, outage);
    }

    public FaultSettings withEmptyRate(double value) {
        return new FaultSettings(latencyMs, errorRate, timeoutRate, value, outage);
    }

    public FaultSettings withOutage(boolean value) {
        return new FaultSettings(latencyMs, errorRate, timeoutRate, emptyRate, value);
    }

    /** Whether nothing is injected. */
    @JsonIgnore
    public boolean isNone() {
        return equals(NONE);
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a number within [0, 1], got " + rate);
        }
    }
}
