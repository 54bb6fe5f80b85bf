package dev.hexsnap.demo.drill;

import java.time.Duration;

/**
 * How the drill plays.
 *
 * @param phase          how long each phase lasts (live, empty answers, full outage, recovered)
 * @param requestsPerSecond offered load, requests started per second whatever the latency
 * @param users          simulated users, placed inside the grid's hot cells
 * @param returningShare share of users who have opened the app before and so hold a client cache
 *                       of their home page (the others are first-time users)
 * @param upstreamTimeout how long the SOA service waits for the live upstream
 * @param seed           where users stand and who returns
 */
public record DrillSettings(Duration phase, int requestsPerSecond, int users, double returningShare,
                            Duration upstreamTimeout, long seed) {

    public DrillSettings {
        if (phase.toSeconds() < 1) {
            throw new IllegalArgumentException("a phase lasts at least 1 s");
        }
        if (requestsPerSecond < 1 || requestsPerSecond > 5000) {
            throw new IllegalArgumentException("requests per second must be within [1, 5000]");
        }
        if (users < 1) {
            throw new IllegalArgumentException("at least one user");
        }
        if (!(returningShare >= 0 && returningShare <= 1)) {
            throw new IllegalArgumentException("returning share must be within [0, 1]");
        }
    }
}
