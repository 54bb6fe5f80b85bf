package dev.hexsnap.core.upstream;

import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ceilings over one Redis, each with its own connection, stand for two worker processes: what
 * they let through together never exceeds one ceiling, and a pause one of them sets holds the other.
 */
class SharedRequestCeilingIntegrationTests {

    private static final int RATE = 40;
    private static final int IN_FLIGHT = 6;

    @Test
    void twoProcessesTogetherNeverExceedTheRateOrTheInFlightCeiling() throws Exception {
        String namespace = TestNamespaces.fresh();
        try (RedisKeyValue first = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace));
             RedisKeyValue second = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace))) {
            List<SharedRequestCeiling> processes = List.of(ceiling(first), ceiling(second));
            ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger peakInFlight = new AtomicInteger();
            int perThread = 6;
            int threadsPerProcess = 8;

            // when 8 threads of each "process" send 6 requests of 20 ms each, as fast as the ceilings allow
            ExecutorService threads = Executors.newFixedThreadPool(2 * threadsPerProcess);
            List<Future<?>> done = new ArrayList<>();
            long began = System.nanoTime();
            for (SharedRequestCeiling ceiling : processes) {
                for (int t = 0; t < threadsPerProcess; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            try (RequestGate.Permit permit = ceiling.acquire()) {
                                // the instant counted is Redis's grant: on a loaded machine a thread may record its
                                // own start hundreds of ms late, which would squeeze starts into a window they were not in
                                starts.add(((SharedRequestCeiling.Grant) permit).grantedAtMicros() * 1_000);
                                peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                                Thread.sleep(20);
                                inFlight.decrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            threads.shutdown();
            double seconds = (System.nanoTime() - began) / 1e9;

            // then no one-second window (Redis's clock) held more than RATE starts, and no more than IN_FLIGHT were in flight,
            // all together
            int requests = 2 * threadsPerProcess * perThread;
            assertThat(starts).hasSize(requests);
            assertThat(busiestSecond(new ArrayList<>(starts))).isLessThanOrEqualTo(RATE).isGreaterThanOrEqualTo(RATE / 2);
            assertThat(peakInFlight.get()).isLessThanOrEqualTo(IN_FLIGHT);
            // 96 requests at 40 per second need more than two seconds: the two processes did not each get 40
            assertThat(seconds).isGreaterThan((double) (requests - RATE) / RATE);
            // and each ceiling saw the deployment's figures, within the ceilings
            for (SharedRequestCeiling ceiling : processes) {
                assertThat(ceiling.observed().held()).isTrue();
                assertThat(ceiling.observed().peakPerSecond()).isGreaterThan(ceiling.busiestSecondHere());
            }
        } finally {
            TestNamespaces.clear(namespace);
        }
    }

    @Test
    void aPauseSetByOneProcessHoldsTheOther() throws Exception {
        String namespace = TestNamespaces.fresh();
        try (RedisKeyValue first = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace));
             RedisKeyValue second = RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace))) {
            SharedRequestCeiling failing = ceiling(first);
            SharedRequestCeiling other = ceiling(second);

            // when one process's breaker pauses everyone for 700 ms
            failing.pauseAll(Duration.ofMillis(700));
            long before = System.nanoTime();
            other.acquire().close();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

            // then the other waited for the pause; and once resumed, nobody waits
            assertThat(waited).isBetween(500L, 3_000L);
            failing.pauseAll(Duration.ofSeconds(30));
            failing.resumeAll();
            before = System.nanoTime();
            other.acquire().close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(500L);
        } finally {
            TestNamespaces.clear(namespace);
        }
    }

    private static SharedRequestCeiling ceiling(RedisKeyValue redis) {
        return new SharedRequestCeiling(redis, "test", RATE, IN_FLIGHT, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    private static int busiestSecond(List<Long> times) {
        Collections.sort(times);
        int best = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= 1_000_000_000L) {
                first++;
            }
            best = Math.max(best, last - first + 1);
        }
        return best;
    }
}
