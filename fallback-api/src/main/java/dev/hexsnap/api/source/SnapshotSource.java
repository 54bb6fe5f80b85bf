package dev.hexsnap.api.source;

import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.redis.RedisUnavailableException;
import dev.hexsnap.core.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The snapshot store on the serving path, connected in the background so that the API starts
 * (and answers 503) while Redis is down, and recovers by itself when it returns.
 *
 * <p>Core's {@link RedisKeyValue#connect} throws when no node answers, and Lettuce's own
 * reconnection backs off up to 30 s after a long outage. So this holder owns the connection:
 * every {@code interval} it connects when it has none, and pings the one it has; after two
 * failed pings in a row it drops it (requests then get an immediate 503) and connects afresh,
 * which bounds recovery to about one interval whatever Lettuce's back-off is.
 *
 * <p>Thread-safe: requests read a volatile reference; one daemon thread does the checking.
 */
public final class SnapshotSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSource.class);
    private static final int FAILED_PINGS_BEFORE_RECONNECT = 2;

    private final RedisSettings settings;
    private final Duration interval;
    private final Function<RedisSettings, RedisKeyValue> connector;
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong corruptOfClosedStores = new AtomicLong();
    private volatile SnapshotStore store;
    private volatile String lastProblem = "not connected yet";
    private int failedPings;
    private boolean reportedDown;

    /**
     * @param settings  where Redis is; use {@link RedisSettings#forServing(Duration)} so that commands
     *                  fail fast while disconnected
     * @param interval  how often to (re)connect or check the connection
     */
    public SnapshotSource(RedisSettings settings, Duration interval) {
        this(settings, interval, RedisKeyValue::connect);
    }

    SnapshotSource(RedisSettings settings, Duration interval, Function<RedisSettings, RedisKeyValue> connector) {
        this.settings = settings;
        this.interval = interval;
        this.connector = connector;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hexsnap-redis-source");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts connecting in the background; returns at once. */
    /**
     * Tries to connect once now, so that an API started while Redis is up serves from its first
     * request, then keeps checking in the background (an API started while Redis is down starts
     * all the same, answers 503, and connects when Redis returns).
     */
    public void start() {
        check();
        scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code listener} on the checking thread after every successful (re)connection. */
    public void onConnect(Runnable listener) {
        connectListeners.add(listener);
    }

    /**
     * The connected store.
     *
     * @throws RedisUnavailableException at once when there is no connection
     */
    public SnapshotStore store() {
        SnapshotStore current = store;
        if (current == null) {
            throw new RedisUnavailableException("Redis is unreachable: " + lastProblem, null);
        }
        return current;
    }

    /** The connected store, if any. */
    public Optional<SnapshotStore> storeIfConnected() {
        return Optional.ofNullable(store);
    }

    /** Whether a connection is held (it may still fail: see {@link #ping()}). */
    public boolean isConnected() {
        return store != null;
    }

    /** Why the last connection attempt or check failed. */
    public String lastProblem() {
        return lastProblem;
    }

    /** Whether Redis answers a PING now, within the command timeout. */
    public boolean ping() {
        SnapshotStore current = store;
        if (current == null) {
            return false;
        }
        try {
            RedisKeyValue redis = current.redis();
            redis.await(redis.ping());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Corrupt entries met by reads since start, across reconnections. */
    public long corruptEntries() {
        SnapshotStore current = store;
        return corruptOfClosedStores.get() + (current == null ? 0 : current.corruptEntries());
    }

    public RedisSettings settings() {
        return settings;
    }

    void check() {
        try {
            if (store == null) {
                connect();
            } else if (ping()) {
                failedPings = 0;
            } else if (++failedPings >= FAILED_PINGS_BEFORE_RECONNECT) {
                lastProblem = "Redis stopped answering PING";
                drop(true);
                connect();
            }
        } catch (RuntimeException e) {
            // Never let the scheduler die: it is what brings the API back.
            log.warn("Redis check failed: {}", e.toString());
        }
    }

    private void connect() {
        RedisKeyValue redis;
        try {
            redis = connector.apply(settings);
        } catch (RuntimeException e) {
            lastProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!reportedDown) {
                log.warn("Redis at {} is unreachable ({}); answering 503 and retrying every {} ms",
                        settings.nodes(), lastProblem, interval.toMillis());
                reportedDown = true;
            }
            return;
        }
        store = new SnapshotStore(redis);
        failedPings = 0;
        reportedDown = false;
        lastProblem = "";
        log.info("Connected to Redis at {} (namespace {})", settings.nodes(), settings.namespace());
        for (Runnable listener : connectListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("after connecting to Redis: {}", e.toString());
            }
        }
    }

    private void drop(boolean broken) {
        SnapshotStore old = store;
        store = null;
        if (old != null) {
            corruptOfClosedStores.addAndGet(old.corruptEntries());
            if (broken) {
                log.warn("Dropping the Redis connection ({}); reconnecting", lastProblem);
            }
            try {
                old.redis().close();
            } catch (RuntimeException e) {
                log.debug("closing the old Redis connection: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drop(false);
    }
}
