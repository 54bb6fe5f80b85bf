package dev.hexsnap.api.rollout;

import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.redis.RedisKeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The switches and roll-out rules of every page kind, shared by all instances.
 *
 * <p>The state lives in one Redis hash beside the generation pointers,
 * {@code {<ns>}:api:rollout}, with two fields per kind: {@code <kind>:enabled} ({@code true} or
 * {@code false}, so the switch flips with one atomic HSET) and {@code <kind>:rule} (the rest,
 * JSON). Every instance re-reads it each refresh interval: a change takes effect everywhere
 * within about that long. Requests read the in-process copy; they never wait on Redis for it.
 * While Redis is unreachable the last state read is kept; before the first read, and for kinds
 * nobody configured, {@link RolloutRule#DEFAULT} (on for everyone) applies.
 *
 * <p>Thread-safe.
 */
public final class Rollout implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Rollout.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int BUCKETS = 10_000;

    /** The stored form of a rule without its switch. */
    record StoredRule(double percent, Set<String> users, Set<String> cities, Set<String> stores) {
    }

    private final SnapshotSource source;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private volatile Map<PageKind, RolloutRule> rules = defaults();

    public Rollout(SnapshotSource source, Duration interval) {
        this.source = source;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hexsnap-rollout");
            thread.setDaemon(true);
            return thread;
        });
        source.onConnect(this::refreshQuietly);
    }

    /** Reads the rules now if Redis is connected, then every interval. */
    public void start() {
        refreshQuietly();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Decides whether a request for {@code kind} gets the fallback, by the rule in force. */
    public RolloutDecision decide(PageKind kind, RolloutSubject subject) {
        return rules.get(kind).decide(kind, subject);
    }

    /**
     * The user's bucket in [0, 10000): the first 8 bytes of SHA-256 of the id, unsigned, modulo
     * 10000. Stable across instances, restarts and languages, and the same for every page kind,
     * so that raising a percentage only ever adds users.
     */
    public static int bucket(String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return (int) Long.remainderUnsigned(value, BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The rules in force on this instance. */
    public Map<PageKind, RolloutRule> rules() {
        return rules;
    }

    /**
     * Replaces a kind's rule (switch included) for every instance.
     *
     * @throws dev.hexsnap.core.redis.RedisUnavailableException when Redis cannot take it
     */
    public void replace(PageKind kind, RolloutRule rule) {
        Map<String, byte[]> fields = new HashMap<>();
        fields.put(kind.id() + ":enabled", Boolean.toString(rule.enabled()).getBytes(StandardCharsets.UTF_8));
        fields.put(kind.id() + ":rule", JSON.writeValueAsBytes(
                new StoredRule(rule.percent(), rule.users(), rule.cities(), rule.stores())));
        write(fields);
    }

    /** Flips a kind's switch for every instance, leaving its rule as it is. */
    public void switchTo(PageKind kind, boolean on) {
        write(Map.of(kind.id() + ":enabled", Boolean.toString(on).getBytes(StandardCharsets.UTF_8)));
    }

    private void write(Map<String, byte[]> fields) {
        RedisKeyValue redis = source.store().redis();
        redis.await(redis.hset(key(redis), fields));
        refresh();
    }

    /**
     * Re-reads the shared state now.
     *
     * @throws dev.hexsnap.core.redis.RedisUnavailableException when Redis does not answer
     */
    public void refresh() {
        RedisKeyValue redis = source.store().redis();
        Map<String, byte[]> hash = redis.await(redis.hgetall(key(redis)));
        Map<PageKind, RolloutRule> previous = rules;
        Map<PageKind, RolloutRule> next = new EnumMap<>(PageKind.class);
        for (PageKind kind : PageKind.values()) {
            next.put(kind, parse(kind, hash == null ? Map.of() : hash, previous.get(kind)));
        }
        Map<PageKind, RolloutRule> fresh = Collections.unmodifiableMap(next);
        if (!fresh.equals(previous)) {
            log.info("Roll-out now: {}", fresh);
        }
        rules = fresh;
    }

    private static RolloutRule parse(PageKind kind, Map<String, byte[]> hash, RolloutRule previous) {
        byte[] enabled = hash.get(kind.id() + ":enabled");
        byte[] stored = hash.get(kind.id() + ":rule");
        RolloutRule rule = RolloutRule.DEFAULT;
        if (stored != null) {
            try {
                StoredRule s = JSON.readValue(stored, StoredRule.class);
                rule = new RolloutRule(true, s.percent(), s.users(), s.cities(), s.stores());
            } catch (JacksonException | IllegalArgumentException e) {
                // Someone wrote nonsense into Redis: keep serving by the last good rule.
                log.warn("Ignoring the unreadable roll-out rule of {}: {}", kind.id(), e.getMessage());
                rule = previous;
            }
        }
        if (enabled != null) {
            rule = rule.withEnabled(!"false".equals(new String(enabled, StandardCharsets.UTF_8).strip()));
        }
        return rule;
    }

    private void refreshQuietly() {
        try {
            if (source.isConnected()) {
                refresh();
            }
        } catch (RuntimeException e) {
            log.debug("could not refresh the roll-out state: {}", e.toString());
        }
    }

    private static String key(RedisKeyValue redis) {
        return "{" + redis.namespace() + "}:api:rollout";
    }

    private static Map<PageKind, RolloutRule> defaults() {
        Map<PageKind, RolloutRule> all = new EnumMap<>(PageKind.class);
        for (PageKind kind : PageKind.values()) {
            all.put(kind, RolloutRule.DEFAULT);
        }
        return Collections.unmodifiableMap(all);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
