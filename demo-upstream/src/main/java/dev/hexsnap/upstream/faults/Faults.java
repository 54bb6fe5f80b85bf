package dev.hexsnap.upstream.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The failure drills in force, per endpoint, and the decision for each request. Set through
 * the operator API or programmatically by tests; all off by default. Thread-safe: settings are
 * replaced atomically and read without locking on the request path.
 */
public final class Faults {

    private final Map<FaultTarget, FaultSettings> settings = new EnumMap<>(FaultTarget.class);
    private volatile Map<FaultTarget, FaultSettings> snapshot = Map.of();

    public Faults() {
        reset();
    }

    /** Sets the faults of one endpoint, or of every endpoint for {@link FaultTarget#ALL}. */
    public synchronized void set(FaultTarget target, FaultSettings value) {
        if (target == null || value == null) {
            throw new IllegalArgumentException("target and settings are required");
        }
        if (target == FaultTarget.ALL) {
            for (FaultTarget endpoint : FaultTarget.endpoints()) {
                settings.put(endpoint, value);
            }
        } else {
            settings.put(target, value);
        }
        snapshot = Map.copyOf(settings);
    }

    /** Turns every fault off. */
    public synchronized void reset() {
        for (FaultTarget endpoint : FaultTarget.endpoints()) {
            settings.put(endpoint, FaultSettings.none());
        }
        snapshot = Map.copyOf(settings);
    }

    /** The faults of one endpoint ({@link FaultTarget#ALL} is not an endpoint). */
    public FaultSettings get(FaultTarget target) {
        if (target == FaultTarget.ALL) {
            throw new IllegalArgumentException("'all' is not an endpoint; ask for home, channel, store-categories or store-products");
        }
        return snapshot.get(target);
    }

    /** Every endpoint's faults. */
    public Map<FaultTarget, FaultSettings> all() {
        return new EnumMap<>(snapshot);
    }

    /** Draws what happens to one request of this endpoint. */
    public Decision decide(FaultTarget endpoint) {
        FaultSettings s = get(endpoint);
        if (s.isNone()) {
            return Decision.NONE;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double u = random.nextDouble();
        Outcome outcome;
        if (s.outage()) {
            outcome = Outcome.OUTAGE;
        } else if (u < s.errorRate()) {
            outcome = random.nextBoolean() ? Outcome.ERROR_500 : Outcome.ERROR_503;
        } else if (u < s.errorRate() + s.timeoutRate()) {
            outcome = Outcome.TIMEOUT;
        } else if (u < s.errorRate() + s.timeoutRate() + s.emptyRate()) {
            outcome = Outcome.EMPTY;
        } else {
            outcome = Outcome.SERVE;
        }
        return new Decision(s.latencyMs(), outcome);
    }

    /** What happens to a request. */
    public enum Outcome {
        /** Served normally. */
        SERVE,
        /** HTTP 500. */
        ERROR_500,
        /** HTTP 503. */
        ERROR_503,
        /** Hangs, then gives up with HTTP 504. */
        TIMEOUT,
        /** HTTP 200 with an empty page. */
        EMPTY,
        /** HTTP 503: the endpoint is down. */
        OUTAGE
    }

    /**
     * One request's fate.
     *
     * @param latencyMs added before answering
     * @param outcome   what the answer is
     */
    public record Decision(long latencyMs, Outcome outcome) {
        static final Decision NONE = new Decision(0, Outcome.SERVE);
    }
}
