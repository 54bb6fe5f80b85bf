package dev.hexsnap.core.upstream;

import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisUnavailableException;
import io.lettuce.core.ScriptOutputType;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ceilings of {@link RequestCeiling}, held for every process that shares one Redis deployment
 * (the manager and workers of a remote run): at most {@code maxPerSecond} requests started in any
 * one-second window and at most {@code maxConcurrent} in flight, counted over all of them, and one
 * pause for all of them when the upstream fails.
 *
 * <p><b>How, atomically.</b> One Lua script per permit, so Redis runs the check and the grant with no
 * other command in between, against Redis's own clock ({@code TIME}: the processes' clocks need not
 * agree). Three keys, {@code <namespace>:{ceiling:<name>}:...}, under one hash tag (one slot of a Redis Cluster):
 * <ul>
 *   <li>{@code starts}, a sorted set of the grants of the last {@link RequestCeiling#WINDOW} (score: the
 *       grant's time in µs). The script drops older members and grants only while fewer than
 *       {@code maxPerSecond} remain: the same sliding log as {@link RequestCeiling}, so no one-second
 *       window ever holds more than R starts (a token bucket would let 2R through a window straddling a
 *       full bucket and its refill). When full it answers how long until the oldest grant leaves the window.</li>
 *   <li>{@code in-flight}, a sorted set of the permits held (score: when the lease lapses). A permit is
 *       removed when its request ends; one whose process died lapses after {@code lease} (longer than a
 *       request can last: the client bounds each request by its timeout, body included), so a killed
 *       worker cannot hold slots for ever.</li>
 *   <li>{@code pause}, set with a TTL by {@link #pauseAll} (a process's circuit breaker opened): while it
 *       exists no process gets a permit.</li>
 * </ul>
 * Within a process one thread at a time asks Redis (a fair lock; the others wait in line behind it),
 * and at most {@code maxConcurrent} threads hold or wait for a permit, so the script runs about once
 * per request per process: one round trip (~0.1-0.3 ms) per request, plus a fire-and-forget release.
 *
 * <p><b>When Redis is away.</b> A permit is not granted while Redis does not answer: the caller waits
 * and asks again every second for up to {@code redisWait}, then gets an {@link IllegalStateException}
 * (the run fails cleanly; restart it). A Redis restarted without persistence forgets the log: in the
 * first second after it, up to R more starts than the ceiling may land in a window straddling the restart.
 *
 * <p>It measures what the whole deployment did as seen by this process's grants (the busiest window
 * and in-flight count the script reports at each grant) and what this process did.
 *
 * <p>Thread-safe.
 */
public final class SharedRequestCeiling implements RequestGate {

    private static final String ACQUIRE = """
            if redis.replicate_commands then redis.replicate_commands() end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local paused = redis.call('PTTL', KEYS[3])
            if paused > 0 then return {1, paused * 1000, 0, 0} end
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            local inflight = redis.call('ZCARD', KEYS[2])
            if inflight >= tonumber(ARGV[2]) then return {2, 0, inflight, 0} end
            local window = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local started = redis.call('ZCARD', KEYS[1])
            if started >= tonumber(ARGV[1]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return {3, tonumber(oldest[2]) + window - now, inflight, started}
            end
            redis.call('ZADD', KEYS[1], now, ARGV[5])
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[5])
            redis.call('PEXPIRE', KEYS[1], 60000)
            redis.call('PEXPIRE', KEYS[2], math.floor(tonumber(ARGV[4]) / 1000) + 60000)
            return {0, now, inflight + 1, started + 1}
            """;
    private static final String RELEASE = "return redis.call('ZREM', KEYS[1], ARGV[1])";
    private static final String PAUSE = "return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])";

    private static final long WINDOW_MICROS = TimeUnit.NANOSECONDS.toMicros(RequestCeiling.WINDOW.toNanos());
    /** Longest wait between two asks while the in-flight ceiling is full (a slot may free in another process). */
    private static final long IN_FLIGHT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final RedisKeyValue redis;
    private final int maxPerSecond;
    private final int maxConcurrent;
    private final long leaseMicros;
    private final Duration redisWait;
    private final String[] keys;
    private final String process = ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    private final Semaphore local;
    private final ReentrantLock asking = new ReentrantLock(true);
    private final Object inFlightFreed = new Object();

    // Measurements, guarded by measuring (apart from asking, which a waiting caller holds while it sleeps).
    private final Object measuring = new Object();
    private long granted;
    private long firstGrant;
    private long latestGrant;
    private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
    private int busiestSecondHere;
    private int busiestWindowAll;
    private int peakInFlightAll;
    private final AtomicInteger inFlightHere = new AtomicInteger();
    private final AtomicInteger peakInFlightHere = new AtomicInteger();

    /**
     * @param redis         the deployment every sharing process uses
     * @param name          what the ceiling protects (part of the keys: processes sharing a name share the ceiling)
     * @param maxPerSecond  most requests started in any one-second window, all processes together
     * @param maxConcurrent most requests in flight, all processes together
     * @param lease         how long a permit whose process died keeps its in-flight slot; longer than any request lasts
     * @param redisWait     how long a caller keeps asking an unreachable Redis before giving up
     */
    public SharedRequestCeiling(RedisKeyValue redis, String name, int maxPerSecond, int maxConcurrent, Duration lease, Duration redisWait) {
        if (maxPerSecond < 1 || maxPerSecond > RequestCeiling.LIMIT_PER_SECOND) {
            throw new IllegalArgumentException("requests per second must be within [1, " + RequestCeiling.LIMIT_PER_SECOND + "], got " + maxPerSecond);
        }
        if (maxConcurrent < 1 || maxConcurrent > RequestCeiling.LIMIT_CONCURRENT) {
            throw new IllegalArgumentException("concurrent requests must be within [1, " + RequestCeiling.LIMIT_CONCURRENT + "], got " + maxConcurrent);
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the lease of a permit must be at least 1 s, got " + lease);
        }
        this.redis = redis;
        this.maxPerSecond = maxPerSecond;
        this.maxConcurrent = maxConcurrent;
        this.leaseMicros = TimeUnit.NANOSECONDS.toMicros(lease.toNanos());
        this.redisWait = redisWait;
        // The namespace first (every key of a deployment starts with it), then one hash tag for the three keys.
        String tag = redis.namespace() + ":{ceiling:" + name + "}";
        this.keys = new String[]{tag + ":starts", tag + ":in-flight", tag + ":pause"};
        this.local = new Semaphore(maxConcurrent, true);
    }

    @Override
    public Permit acquire() throws InterruptedException {
        local.acquire();
        try {
            asking.lockInterruptibly();
        } catch (InterruptedException e) {
            local.release();
            throw e;
        }
        try {
            String member = process + ":" + sequence.incrementAndGet();
            long unreachableSince = 0;
            while (true) {
                List<Long> answer;
                try {
                    answer = redis.await(redis.eval(ACQUIRE, ScriptOutputType.MULTI, keys, String.valueOf(maxPerSecond),
                            String.valueOf(maxConcurrent), String.valueOf(WINDOW_MICROS), String.valueOf(leaseMicros), member));
                    unreachableSince = 0;
                } catch (RedisUnavailableException e) {
                    long now = System.nanoTime();
                    if (unreachableSince == 0) {
                        unreachableSince = now;
                    } else if (now - unreachableSince > redisWait.toNanos()) {
                        throw new IllegalStateException("the shared upstream ceiling's Redis has not answered for "
                                + redisWait.toSeconds() + " s: " + e.getMessage(), e);
                    }
                    TimeUnit.SECONDS.sleep(1);
                    continue;
                }
                long code = answer.get(0);
                if (code == 0) {
                    granted(answer.get(2).intValue(), answer.get(3).intValue());
                    return new Grant(member, answer.get(1));
                }
                if (code == 1) {
                    TimeUnit.MICROSECONDS.sleep(Math.min(answer.get(1), 1_000_000));
                } else if (code == 2) {
                    synchronized (inFlightFreed) {
                        TimeUnit.NANOSECONDS.timedWait(inFlightFreed, IN_FLIGHT_RETRY_NANOS);
                    }
                } else {
                    TimeUnit.MICROSECONDS.sleep(Math.max(50, answer.get(1)));
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            local.release();
            throw e;
        } finally {
            asking.unlock();
        }
    }

    private void granted(int inFlightAll, int windowAll) {
        synchronized (measuring) {
            measure(inFlightAll, windowAll);
        }
        peakInFlightHere.accumulateAndGet(inFlightHere.incrementAndGet(), Math::max);
    }

    private void measure(int inFlightAll, int windowAll) {
        long now = System.nanoTime();
        if (granted == 0) {
            firstGrant = now;
        }
        latestGrant = now;
        granted++;
        lastSecond.addLast(now);
        while (now - lastSecond.peekFirst() >= 1_000_000_000L) {
            lastSecond.removeFirst();
        }
        busiestSecondHere = Math.max(busiestSecondHere, lastSecond.size());
        busiestWindowAll = Math.max(busiestWindowAll, windowAll);
        peakInFlightAll = Math.max(peakInFlightAll, inFlightAll);
    }

    /** A permit of the shared ceiling, with the moment Redis granted it. */
    public final class Grant implements Permit {

        private final String member;
        private final long redisMicros;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Grant(String member, long redisMicros) {
            this.member = member;
            this.redisMicros = redisMicros;
        }

        /** When Redis granted it, in µs of Redis's clock: the instant the rate ceiling counts. */
        public long grantedAtMicros() {
            return redisMicros;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                inFlightHere.decrementAndGet();
                // Not awaited: should Redis miss it, the lease lapses on its own.
                redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[]{keys[1]}, member);
                local.release();
                synchronized (inFlightFreed) {
                    inFlightFreed.notifyAll();
                }
            }
        }
    }

    @Override
    public void pauseAll(Duration pause) {
        try {
            redis.await(redis.eval(PAUSE, ScriptOutputType.STATUS, new String[]{keys[2]}, process,
                    String.valueOf(Math.max(1, pause.toMillis()))));
        } catch (RedisUnavailableException e) {
            // This process's own breaker still pauses it; the others find out from their own failures.
        }
    }

    @Override
    public void resumeAll() {
        try {
            redis.await(redis.del(keys[2]));
        } catch (RedisUnavailableException e) {
            // The pause lapses with its TTL.
        }
    }

    @Override
    public int maxPerSecond() {
        return maxPerSecond;
    }

    @Override
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Requests this process started, and the busiest window and peak in flight of <em>all</em> processes
     * as the script counted them at this process's grants (a window of {@link RequestCeiling#WINDOW}, a
     * bound on any one-second window).
     */
    @Override
    public RequestCeiling.Observed observed() {
        synchronized (measuring) {
            double spanSeconds = granted < 2 ? 0 : (latestGrant - firstGrant) / 1e9;
            return new RequestCeiling.Observed(maxPerSecond, maxConcurrent, granted, peakInFlightAll, busiestWindowAll,
                    spanSeconds <= 0 ? 0 : (granted - 1) / spanSeconds);
        }
    }

    /** The most requests this process alone started within one second. */
    public int busiestSecondHere() {
        synchronized (measuring) {
            return busiestSecondHere;
        }
    }

    /** The most requests this process alone had in flight. */
    public int peakInFlightHere() {
        return peakInFlightHere.get();
    }
}
