package dev.hexsnap.core.upstream;

import dev.hexsnap.core.snapshot.CorruptEntryException;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.upstream.contract.PageRejectedException;
import dev.hexsnap.core.upstream.contract.PreparedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * The one way hexsnap sends a page request: every stage (crawl, re-run, store re-crawl, diff,
 * {@code upstream check}) passes the same stack. Each attempt waits for the
 * {@link CircuitBreaker}, then for a permit of the {@link RequestGate} (requests per second and
 * in flight), is sent with a timeout that bounds the body too, and is read no further than
 * {@code maxPageBytes}. What may succeed on another try is retried with exponential back-off and
 * jitter: transport errors, timeouts, 429 and 5xx, and answers the contract rejects (not JSON,
 * an envelope failure, another page than asked, an empty page). Any other status is final at
 * once: asking again would get the same.
 *
 * <p>Requests are logged by their {@link PreparedRequest#display()}, in which values from the
 * environment (tokens) are masked. Thread-safe; shared by every thread of a stage.
 */
public final class UpstreamClient {

    private static final Logger log = LoggerFactory.getLogger(UpstreamClient.class);

    /**
     * How failed attempts are retried.
     *
     * @param maxAttempts       attempts per page, first try included
     * @param initialBackoff    pause before the first retry
     * @param backoffMultiplier growth of the pause per retry (at least 1)
     * @param maxBackoff        longest pause
     */
    public record Retry(int maxAttempts, Duration initialBackoff, double backoffMultiplier, Duration maxBackoff) {
        public Retry {
            if (maxAttempts < 1 || backoffMultiplier < 1 || initialBackoff.isNegative() || maxBackoff.isNegative()) {
                throw new IllegalArgumentException("retry: at least one attempt, a multiplier of at least 1, no negative pause");
            }
        }
    }

    private final HttpClient http;
    private final RequestGate gate;
    private final CircuitBreaker breaker;
    private final Duration requestTimeout;
    private final Retry retry;
    private final IntPredicate carriesPage;
    private final long maxPageBytes;
    private final boolean acceptGzip;

    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder emptyPages = new LongAdder();
    private final LongAdder malformedPages = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /**
     * @param carriesPage  the HTTP statuses whose answers carry a page (the contract's {@code success.statuses})
     * @param maxPageBytes answers longer than this are failures (the contract's {@code max-page-bytes})
     * @param acceptGzip   ask for gzip-compressed answers and inflate them (less network, more CPU)
     */
    public UpstreamClient(HttpClient http, RequestGate gate, CircuitBreaker breaker, Duration requestTimeout, Retry retry,
                          IntPredicate carriesPage, long maxPageBytes, boolean acceptGzip) {
        this.http = http;
        this.gate = gate;
        this.breaker = breaker;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.carriesPage = carriesPage;
        this.maxPageBytes = maxPageBytes;
        this.acceptGzip = acceptGzip;
    }

    /** An HTTP/1.1 client that never follows redirects (a redirect is no page). */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends {@code request} until {@code inspect} accepts the answer.
     *
     * @param inspect reads the body; throws {@link PageRejectedException} for an answer that is no page to keep
     * @throws PageFetchException    when every attempt failed, or the answer is final
     * @throws UpstreamDownException when the breaker stayed open too long
     */
    public <T> Fetched<T> fetch(PreparedRequest request, Function<byte[], T> inspect) throws PageFetchException, InterruptedException {
        String lastError = "not tried";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                retries.increment();
                log.debug("retrying {} (attempt {}) after: {}", request.display(), attempt, lastError);
                sleepBackoff(attempt - 1);
            }
            boolean probe = breaker.awaitPermission();
            Answer answer;
            try (RequestGate.Permit ignored = gate.acquire()) {
                requests.increment();
                answer = send(request);
            }
            if (answer.error() != null) {
                breaker.record(true, probe);
                lastError = answer.error();
                continue;
            }
            int status = answer.status();
            if (carriesPage.test(status)) {
                try {
                    T page = inspect.apply(answer.body());
                    breaker.record(false, probe);
                    return new Fetched<>(page, answer.body(), attempt);
                } catch (PageRejectedException e) {
                    (e.reason() == PageRejectedException.Reason.EMPTY ? emptyPages : malformedPages).increment();
                    breaker.record(true, probe);
                    lastError = (e.reason() == PageRejectedException.Reason.EMPTY ? "empty page: " : "rejected page: ") + e.getMessage();
                }
                continue;
            }
            errors.increment();
            if (status == 429 || status >= 500) {
                breaker.record(true, probe);
                lastError = "HTTP " + status;
                continue;
            }
            // The upstream answered, and would answer the same again (a store that is gone, a token refused).
            breaker.record(false, probe);
            failed.increment();
            throw new PageFetchException("HTTP " + status + " (final, not retried) for " + request.display(), attempt);
        }
        failed.increment();
        throw new PageFetchException(lastError, retry.maxAttempts());
    }

    private record Answer(int status, byte[] body, String error) {
    }

    private Answer send(PreparedRequest request) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(requestTimeout);
        if (request.body() != null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()))
                    .header("Content-Type", request.contentType());
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        boolean sawAccept = false;
        for (PreparedRequest.Header header : request.headers()) {
            builder.header(header.name(), header.value());
            sawAccept |= header.name().equalsIgnoreCase("Accept");
        }
        if (!sawAccept) {
            builder.header("Accept", "application/json");
        }
        if (acceptGzip) {
            builder.header("Accept-Encoding", "gzip");
        }
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(builder.build(), info -> new Bounded(maxPageBytes));
        try {
            // The request timeout alone covers only the wait for the headers; this bounds the body too.
            HttpResponse<byte[]> response = future.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            byte[] body = response.body();
            if (acceptGzip && response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
                body = GzipCodec.decompress(body);
            }
            return new Answer(response.statusCode(), body, null);
        } catch (TimeoutException e) {
            future.cancel(true);
            timeouts.increment();
            return new Answer(0, null, "timeout after " + requestTimeout.toMillis() + " ms");
        } catch (CorruptEntryException e) {
            errors.increment();
            return new Answer(0, null, "answer declared gzip but does not inflate: " + e.getMessage());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                timeouts.increment();
                return new Answer(0, null, "timeout after " + requestTimeout.toMillis() + " ms");
            }
            if (cause instanceof TooLarge) {
                malformedPages.increment();
                return new Answer(0, null, cause.getMessage());
            }
            errors.increment();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new Answer(0, null, (cause instanceof IOException ? "I/O error: " : "error: ") + message);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** The answer over {@code max-page-bytes}: the reading stops there. */
    private static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("answer over max-page-bytes (" + limit + " bytes): not read further");
        }
    }

    /** Collects the body, and gives up (cancelling the stream) as soon as it passes the limit. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final long limit;
        private long received;
        private Flow.Subscription subscription;
        private boolean over;

        Bounded(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bytes.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            bytes.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            if (over) {
                return;
            }
            for (ByteBuffer buffer : item) {
                received += buffer.remaining();
            }
            if (received > limit) {
                over = true;
                subscription.cancel();
                bytes.onError(new TooLarge(limit));
                return;
            }
            bytes.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            if (!over) {
                bytes.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!over) {
                bytes.onComplete();
            }
        }
    }

    /** Equal jitter: half the exponential delay, plus a random share of the other half. */
    private void sleepBackoff(int retryNumber) throws InterruptedException {
        double delay = retry.initialBackoff().toNanos() * Math.pow(retry.backoffMultiplier(), retryNumber - 1);
        long capped = (long) Math.min(delay, retry.maxBackoff().toNanos());
        long sleep = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        TimeUnit.NANOSECONDS.sleep(sleep);
    }

    public RequestGate gate() {
        return gate;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** What the client has done since start, for progress lines and the summary. */
    public Stats stats() {
        RequestCeiling.Observed observed = gate.observed();
        return new Stats(requests.sum(), retries.sum(), timeouts.sum(), errors.sum(), emptyPages.sum(),
                malformedPages.sum(), failed.sum(), observed.peakPerSecond(), observed.peakInFlight(), breaker.openings());
    }

    /**
     * Counters since start.
     *
     * @param requests        requests sent (retries and probes included)
     * @param retries         of which retries
     * @param timeouts        requests that timed out
     * @param errors          transport errors and answers with a status that carries no page
     * @param emptyPages      answers rejected as empty
     * @param malformedPages  answers rejected otherwise (not JSON, too large, envelope failure, another page than asked)
     * @param failed          pages given up on (after the retries, or at once for a final status)
     * @param busiestSecond   most requests started within one second
     * @param peakInFlight    most requests in flight at once
     * @param breakerOpenings times the circuit breaker paused the stage
     */
    public record Stats(long requests, long retries, long timeouts, long errors, long emptyPages, long malformedPages, long failed,
                        int busiestSecond, int peakInFlight, long breakerOpenings) {
    }
}
