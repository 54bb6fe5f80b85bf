package dev.hexsnap.worker.upstream;

import dev.hexsnap.core.page.MalformedPageException;
import dev.hexsnap.core.upstream.UpstreamCeiling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * GETs pages from the upstream under the {@link UpstreamCeiling} (one process's, or shared by a remote run's processes), the {@link CircuitBreaker}
 * and a per-request timeout (body included), retrying what may succeed on another try
 * (errors, 5xx and 429 answers, timeouts, empty or malformed pages) with exponential back-off
 * and jitter. A 4xx answer other than 429 is final at once: asking again would get the same.
 *
 * <p>Thread-safe; shared by every partition.
 */
public final class UpstreamClient {

    private static final Logger log = LoggerFactory.getLogger(UpstreamClient.class);

    private final HttpClient http;
    private final URI baseUrl;
    private final Map<String, String> headers;
    private final UpstreamCeiling ceiling;
    private final CircuitBreaker breaker;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final long initialBackoffNanos;
    private final double backoffMultiplier;
    private final long maxBackoffNanos;

    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder emptyPages = new LongAdder();
    private final LongAdder malformedPages = new LongAdder();

    public UpstreamClient(HttpClient http, URI baseUrl, Map<String, String> headers, UpstreamCeiling ceiling,
                          CircuitBreaker breaker, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                          double backoffMultiplier, Duration maxBackoff) {
        this.http = http;
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.headers = Map.copyOf(headers);
        this.ceiling = ceiling;
        this.breaker = breaker;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.initialBackoffNanos = initialBackoff.toNanos();
        this.backoffMultiplier = backoffMultiplier;
        this.maxBackoffNanos = maxBackoff.toNanos();
    }

    /**
     * Fetches {@code pathAndQuery} until {@code inspect} accepts the answer.
     *
     * @param inspect reads the body into a page; throws {@link MalformedPageException} or
     *                {@link EmptyPageException} for an answer that must not be stored
     * @throws PageFetchException when every attempt failed, or the answer is final (4xx)
     * @throws UpstreamDownException when the breaker stayed open too long
     */
    public <T> Fetched<T> fetch(String pathAndQuery, Function<byte[], T> inspect) throws PageFetchException, InterruptedException {
        URI uri = URI.create(baseUrl + pathAndQuery);
        String lastError = "not tried";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                retries.increment();
                log.debug("retrying {} (attempt {}) after: {}", uri, attempt, lastError);
                sleepBackoff(attempt - 1);
            }
            boolean probe = breaker.awaitPermission();
            Answer answer;
            try (UpstreamCeiling.Permit ignored = ceiling.acquire()) {
                requests.increment();
                answer = send(uri);
            }
            if (answer.error() != null) {
                breaker.record(true, probe);
                lastError = answer.error();
                continue;
            }
            int status = answer.status();
            if (status == 200) {
                try {
                    T page = inspect.apply(answer.body());
                    breaker.record(false, probe);
                    return new Fetched<>(page, answer.body(), attempt);
                } catch (EmptyPageException e) {
                    emptyPages.increment();
                    breaker.record(true, probe);
                    lastError = "empty page: " + e.getMessage();
                } catch (MalformedPageException e) {
                    malformedPages.increment();
                    breaker.record(true, probe);
                    lastError = "malformed page: " + e.getMessage();
                }
                continue;
            }
            errors.increment();
            if (status == 429 || status >= 500) {
                breaker.record(true, probe);
                lastError = "HTTP " + status;
                continue;
            }
            // The upstream answered, and would answer the same again (e.g. 404 for a store that is gone).
            breaker.record(false, probe);
            throw new PageFetchException("HTTP " + status + " (final, not retried)", attempt);
        }
        throw new PageFetchException(lastError, maxAttempts);
    }

    private record Answer(int status, byte[] body, String error) {
    }

    private Answer send(URI uri) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            // The request timeout alone covers only the wait for the headers; this bounds the body too.
            HttpResponse<byte[]> response = future.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), response.body(), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            timeouts.increment();
            return new Answer(0, null, "timeout after " + requestTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                timeouts.increment();
                return new Answer(0, null, "timeout after " + requestTimeout.toMillis() + " ms");
            }
            errors.increment();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new Answer(0, null, (cause instanceof IOException ? "I/O error: " : "error: ") + message);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** Equal jitter: half the exponential delay, plus a random share of the other half. */
    private void sleepBackoff(int retry) throws InterruptedException {
        double delay = initialBackoffNanos * Math.pow(backoffMultiplier, retry - 1);
        long capped = (long) Math.min(delay, maxBackoffNanos);
        long sleep = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        TimeUnit.NANOSECONDS.sleep(sleep);
    }

    public UpstreamCeiling ceiling() {
        return ceiling;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** What the client has done since start, for progress lines and the summary. */
    public Stats stats() {
        var observed = ceiling.observed();
        return new Stats(requests.sum(), retries.sum(), timeouts.sum(), errors.sum(), emptyPages.sum(),
                malformedPages.sum(), observed.peakPerSecond(), observed.peakInFlight(), breaker.openings());
    }

    /**
     * Counters since start.
     *
     * @param requests       requests sent (retries and probes included)
     * @param retries        of which retries
     * @param timeouts       requests that timed out
     * @param errors         transport errors and non-200 answers
     * @param emptyPages     answers rejected as empty
     * @param malformedPages answers rejected as malformed
     * @param busiestSecond  most requests started within one second
     * @param peakInFlight   most requests in flight at once
     * @param breakerOpenings times the circuit breaker paused the crawl
     */
    public record Stats(long requests, long retries, long timeouts, long errors, long emptyPages, long malformedPages,
                        int busiestSecond, int peakInFlight, long breakerOpenings) {
    }

}
