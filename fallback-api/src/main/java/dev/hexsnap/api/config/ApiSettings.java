package dev.hexsnap.api.config;

import dev.hexsnap.core.geo.HexGrid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The fallback API's settings ({@code hexsnap.api.*}). Where Redis is comes from
 * {@code hexsnap.redis.*} (core's {@link dev.hexsnap.core.redis.RedisSettings}); the API
 * connects with its own fail-fast options ({@link #redisTimeout()}).
 *
 * @param resolution         H3 resolution at which coordinates are looked up first
 * @param neighbourRings     how many rings of neighbours (grid distance) to search when the cell has
 *                           no snapshot, one Redis MGET per ring; 0 turns the neighbour fallback off
 * @param zone               time zone of the day/night slots
 * @param dayStarts          local time the day slot starts (inclusive)
 * @param nightStarts        local time the night slot starts (inclusive); night falls back to day
 *                           when no night generation is published
 * @param clientCacheMaxAge  a client copy younger than this is good enough: the answer is 304 "use
 *                           your local copy" without a body (the N days of the negotiation)
 * @param clockSkew          how far in the future a client's cached-at time may lie before it is
 *                           refused as garbage (client clocks drift)
 * @param maxProductPage     the last product page per category the worker backs up; higher pages are
 *                           refused with 400 (the worker keeps the first two)
 * @param opsToken           bearer token of the {@code /ops} endpoints, at least 16 characters; empty
 *                           (the default) means the ops endpoints are not exposed at all. Pass it
 *                           through the environment ({@code HEXSNAP_API_OPS_TOKEN}), never a file in
 *                           the repository
 * @param redisTimeout       command timeout on the serving path; with Redis down the answer is a 503
 *                           within about this long (commands are rejected at once while disconnected)
 * @param refreshInterval    how often the generation pointers and the roll-out state are re-read from
 *                           Redis: a publish, rollback or roll-out change takes effect within about this long
 * @param reconnectInterval  how often to try (re)connecting while Redis is unreachable, and to check a
 *                           connection that stopped answering
 * @param hotCacheSize       memory bound of the in-process cache of hot entries (gzip bytes as stored);
 *                           0 turns it off. Emptied whenever a slot's generation changes
 * @param staleAfter         a published generation older than this is reported stale by the health endpoint
 * @param directDispatch     serve plain {@code GET /v1/snapshots/...} requests straight from a filter in front
 *                           of Spring MVC (same code, same answers, a fraction of the CPU per request); false
 *                           sends every request through the DispatcherServlet and the controllers
 * @param sendfile           send the gzip bodies of the hot cache's entries with the kernel's sendfile, from
 *                           files under {@code java.io.tmpdir} (one per hot entry, deleted a minute after
 *                           it leaves the cache; at most about {@code hot-cache-size} of disk): a fifth less
 *                           CPU per answer; false writes every body from memory
 * @param callers            who may call the snapshot endpoints and how often (off by default)
 * @param warmUp             warming the hot cache from the grid's request counts ({@link WarmUp})
 */
@ConfigurationProperties("hexsnap.api")
public record ApiSettings(
        @DefaultValue("7") int resolution,
        @DefaultValue("2") int neighbourRings,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("06:00") LocalTime dayStarts,
        @DefaultValue("22:00") LocalTime nightStarts,
        @DefaultValue("3d") Duration clientCacheMaxAge,
        @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("2") int maxProductPage,
        @DefaultValue("") String opsToken,
        @DefaultValue("150ms") Duration redisTimeout,
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue("1s") Duration reconnectInterval,
        @DefaultValue("64MB") DataSize hotCacheSize,
        @DefaultValue("36h") Duration staleAfter,
        @DefaultValue("true") boolean directDispatch,
        @DefaultValue("true") boolean sendfile,
        @DefaultValue Callers callers,
        @DefaultValue WarmUp warmUp) {

    /**
     * Warming the hot cache before traffic needs it ({@code hexsnap.api.warm-up.*}): after a
     * publish (or when the served generation changes, or the API starts), the entries of the hottest
     * cells, by the grid's request counts, are read into the hot cache and its body files, hottest
     * first, until the budget is full.
     *
     * @param enabled false leaves the cache to fill from traffic (the share of requests the budget
     *                would cover is still computed and reported)
     * @param rate    at most this many bytes of entries read per second, so that warming never
     *                competes with a live outage's answers for Redis, the network or the CPU
     * @param pages   which pages of each hot cell to warm, in this order: {@code home}, {@code channel}
     *                (the five channel pages)
     */
    public record WarmUp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("64MB") DataSize rate,
            @DefaultValue("home") java.util.List<String> pages) {

        public WarmUp {
            if (rate.toBytes() < 1024) {
                throw new IllegalArgumentException("hexsnap.api.warm-up.rate must be at least 1KB (per second), got " + rate);
            }
            if (pages.isEmpty() || !pages.stream().allMatch(p -> p.equals("home") || p.equals("channel"))) {
                throw new IllegalArgumentException("hexsnap.api.warm-up.pages must list home and/or channel, got " + pages);
            }
            pages = java.util.List.copyOf(pages);
        }
    }

    /** Shortest accepted ops token: anything shorter is guessable. */
    public static final int MIN_OPS_TOKEN_LENGTH = 16;

    public ApiSettings {
        HexGrid.checkResolution(resolution);
        if (neighbourRings < 0 || neighbourRings > 3) {
            throw new IllegalArgumentException("hexsnap.api.neighbour-rings must be within [0, 3], got " + neighbourRings);
        }
        if (dayStarts.equals(nightStarts)) {
            throw new IllegalArgumentException("hexsnap.api.day-starts and night-starts must differ");
        }
        if (clientCacheMaxAge.isNegative()) {
            throw new IllegalArgumentException("hexsnap.api.client-cache-max-age must not be negative");
        }
        if (maxProductPage < 1 || maxProductPage > 1000) {
            throw new IllegalArgumentException("hexsnap.api.max-product-page must be within [1, 1000], got " + maxProductPage);
        }
        opsToken = opsToken == null ? "" : opsToken.strip();
        if (!opsToken.isEmpty() && opsToken.length() < MIN_OPS_TOKEN_LENGTH) {
            throw new IllegalArgumentException("hexsnap.api.ops-token must be at least " + MIN_OPS_TOKEN_LENGTH
                    + " characters (or empty to keep the ops endpoints off)");
        }
        if (redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("hexsnap.api.redis-timeout must be positive");
        }
        if (refreshInterval.toMillis() < 50 || reconnectInterval.toMillis() < 50) {
            throw new IllegalArgumentException("hexsnap.api.refresh-interval and reconnect-interval must be at least 50ms");
        }
        if (hotCacheSize.isNegative()) {
            throw new IllegalArgumentException("hexsnap.api.hot-cache-size must not be negative");
        }
    }

    /**
     * The snapshot endpoints' callers ({@code hexsnap.api.callers.*}): so that one runaway service
     * cannot starve the others in an outage.
     *
     * @param tokens    {@code name:token} pairs separated by commas (names of a-z, 0-9 and '-'; tokens
     *                  of at least 16 printable characters); when set, the snapshot endpoints need
     *                  {@code Authorization: Bearer <token>} of one of them (401 otherwise). Empty (the
     *                  default): anyone may call. Pass it through the environment
     *                  ({@code HEXSNAP_API_CALLERS_TOKENS}), never a file in the repository
     * @param rateLimit requests per second each caller may make to the snapshot endpoints, on average;
     *                  over it the answer is 429 with {@code Retry-After}. The caller is the token's name,
     *                  or the client's address without tokens. 0 (the default): no limit
     * @param burst     requests a caller may make at once above its rate; 0 (the default): one second's worth
     */
    public record Callers(@DefaultValue("") String tokens, @DefaultValue("0") double rateLimit, @DefaultValue("0") int burst) {

        public Callers {
            tokens = tokens == null ? "" : tokens.strip();
            if (rateLimit < 0 || Double.isNaN(rateLimit) || Double.isInfinite(rateLimit)) {
                throw new IllegalArgumentException("hexsnap.api.callers.rate-limit must be 0 (no limit) or a positive number");
            }
            if (burst < 0) {
                throw new IllegalArgumentException("hexsnap.api.callers.burst must not be negative");
            }
        }

        @Override
        public String toString() {
            // Never print the tokens.
            return "Callers[tokens=" + (tokens.isEmpty() ? "none" : "set") + ", rateLimit=" + rateLimit + ", burst=" + burst + "]";
        }
    }

    /** Whether the ops endpoints are exposed. */
    public boolean opsEnabled() {
        return !opsToken.isEmpty();
    }

    @Override
    public String toString() {
        // Never print the token.
        return "ApiSettings[resolution=" + resolution + ", neighbourRings=" + neighbourRings + ", zone=" + zone
                + ", ops=" + (opsEnabled() ? "on" : "off") + ", hotCacheSize=" + hotCacheSize + ", callers=" + callers + "]";
    }
}
