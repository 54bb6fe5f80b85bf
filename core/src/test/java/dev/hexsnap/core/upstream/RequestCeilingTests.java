package dev.hexsnap.core.upstream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestCeilingTests {

    @Test
    void noOneSecondWindowEverHoldsMoreRequestsThanTheCeilingWhateverTheThreads() throws Exception {
        // given a ceiling of 50/s and 8 threads asking as fast as they can for 2.5 s
        RequestCeiling ceiling = new RequestCeiling(50, 8);
        ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + 2_500_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        try (RequestCeiling.Permit ignored = ceiling.acquire()) {
                            starts.add(System.nanoTime());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        // then the ceiling's own exact measurement (at the grant) says the busiest one-second window held 50
        RequestCeiling.Observed observed = ceiling.observed();
        assertThat(observed.peakPerSecond()).isEqualTo(50);
        assertThat(ceiling.busiestSecond()).isEqualTo(50);
        assertThat(observed.held()).isTrue();
        // and, measured independently by the callers just after their grant, no 0.9-s window held more than 50:
        // grants n and n+50 are at least 1.005 s apart, so this holds unless a caller was descheduled for over
        // 105 ms between its grant and its clock reading (the 1-s check itself fails on a loaded 2-core machine)
        assertThat(busiestWindow(new ArrayList<>(starts), 900_000_000L)).isLessThanOrEqualTo(50);
        // and the ceiling is used, not just respected: three windows' worth in 2.5 s (50 at t=0, ~1 s, ~2 s),
        // plus at most one more permit per thread for those already waiting when the time ran out (~3 s)
        assertThat(starts).hasSizeBetween(100, 150 + 8);
        assertThat(observed.requests()).isEqualTo(starts.size());
    }

    @Test
    void noMoreRequestsAreInFlightThanTheConcurrencyCeiling() throws Exception {
        // given 12 virtual threads sharing a ceiling of 3 in flight, each holding its slot 1 ms, 20 times
        RequestCeiling ceiling = new RequestCeiling(100_000, 3);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(12);
        for (int t = 0; t < 12; t++) {
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        try (RequestCeiling.Permit ignored = ceiling.acquire()) {
                            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            Thread.sleep(1);
                            inFlight.decrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();

        // then at most 3 were in flight, by the callers' count and by the ceiling's, and none is left
        assertThat(peak.get()).isEqualTo(3);
        assertThat(ceiling.peakConcurrent()).isEqualTo(3);
        assertThat(ceiling.observed().peakInFlight()).isEqualTo(3);
        assertThat(ceiling.observed().requests()).isEqualTo(240);
        assertThat(ceiling.inFlight()).isZero();
    }

    @Test
    void requestsBeyondTheRateWaitAWindowAfterTheRequestTheyReplace() throws Exception {
        // given a ceiling of 100/s and 4 in flight, and 150 callers each holding a slot 5 ms
        RequestCeiling ceiling = new RequestCeiling(100, 4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger worst = new AtomicInteger();
        long start = System.nanoTime();

        // when the 150 requests go through it
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 150; i++) {
                callers.submit(() -> {
                    try (RequestCeiling.Permit permit = ceiling.acquire()) {
                        worst.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Thread.sleep(5);
                        inFlight.decrementAndGet();
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // then neither ceiling was exceeded, by the callers' own count and by the ceiling's
        RequestCeiling.Observed observed = ceiling.observed();
        assertThat(worst.get()).isLessThanOrEqualTo(4);
        assertThat(observed).extracting(RequestCeiling.Observed::requests, RequestCeiling.Observed::requestsPerSecond,
                RequestCeiling.Observed::maxConcurrent).containsExactly(150L, 100, 4);
        assertThat(observed.peakInFlight()).isBetween(1, 4);
        assertThat(observed.peakPerSecond()).isBetween(1, 100);
        assertThat(observed.held()).isTrue();
        // and the 101st start came no earlier than one window (1.005 s) after the first, whatever the machine's load
        assertThat(seconds).isGreaterThanOrEqualTo(1.005);
    }

    @Test
    void theMeanRateIsMeasuredFromTheFirstToTheLatestStart() throws Exception {
        // given a ceiling of 2/s: two starts at once, the third a window (1.005 s) after the first
        RequestCeiling ceiling = new RequestCeiling(2, 2);
        assertThat(ceiling.observed().meanRate()).isZero();
        for (int i = 0; i < 3; i++) {
            ceiling.acquire().close();
        }

        // then 2 intervals over at least 1.005 s: at most 1.99/s; at least 1.5/s unless the machine stalled a third of a second
        RequestCeiling.Observed observed = ceiling.observed();
        assertThat(observed.requests()).isEqualTo(3);
        assertThat(observed.peakPerSecond()).isEqualTo(2);
        assertThat(observed.meanRate()).isBetween(1.5, 2 / 1.005);
    }

    @Test
    void aPermitReleasesItsSlotOnce() throws Exception {
        // given a ceiling of one in flight
        RequestCeiling ceiling = new RequestCeiling(10_000, 1);

        // when a permit is closed twice
        RequestCeiling.Permit permit = ceiling.acquire();
        permit.close();
        permit.close();

        // then the slot was released once: the next request gets it, and holds the only one
        try (RequestCeiling.Permit again = ceiling.acquire()) {
            assertThat(ceiling.inFlight()).isEqualTo(1);
            assertThat(ceiling.observed().peakInFlight()).isEqualTo(1);
        }
        assertThat(ceiling.inFlight()).isZero();
    }

    @Test
    void aCallerInterruptedWhileWaitingForTheRateHoldsNothing() throws Exception {
        // given a ceiling of 1/s whose one start of this second is used
        RequestCeiling ceiling = new RequestCeiling(1, 2);
        ceiling.acquire().close();

        // when a second caller waits for the rate and is interrupted
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiting = Thread.ofPlatform().start(() -> {
            try {
                ceiling.acquire().close();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(100);
        waiting.interrupt();
        waiting.join();

        // then it got an InterruptedException and left no slot taken and no start counted
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(ceiling.inFlight()).isZero();
        assertThat(ceiling.granted()).isEqualTo(1);
    }

    @Test
    void nonsenseCeilingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new RequestCeiling(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per second");
        assertThatThrownBy(() -> new RequestCeiling(RequestCeiling.LIMIT_PER_SECOND + 1, 1)).hasMessageContaining("per second");
        assertThatThrownBy(() -> new RequestCeiling(10, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrent");
        assertThat(RequestCeiling.withDefaults()).extracting(RequestCeiling::maxPerSecond, RequestCeiling::maxConcurrent)
                .containsExactly(RequestCeiling.DEFAULT_MAX_PER_SECOND, RequestCeiling.DEFAULT_MAX_CONCURRENT);
    }

    private static int busiestWindow(List<Long> starts, long windowNanos) {
        Collections.sort(starts);
        int busiest = 0;
        for (int first = 0, last = 0; last < starts.size(); last++) {
            while (starts.get(last) - starts.get(first) >= windowNanos) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }
}
