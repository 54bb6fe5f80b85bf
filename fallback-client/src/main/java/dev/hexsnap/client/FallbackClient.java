package dev.hexsnap.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Calls the hexsnap fallback API for an SOA service. Thread-safe; build one per API base URI
 * and share it.
 *
 * <pre>
 * FallbackClient client = FallbackClient.builder(URI.create("http://fallback-api:8080")).build();
 * Outcome outcome = client.serve(PageRequest.home(lat, lng).forUser(userId),
 *         () -&gt; callRecommendation(lat, lng), localCopyOf(lat, lng));
 * </pre>
 *
 * <h2>Defaults</h2>
 * <ul>
 *   <li>connect timeout 300 ms, whole-request timeout 800 ms: the fallback is asked during an
 *       outage, when waiting longer helps nobody;</li>
 *   <li>asks for gzip ({@code Accept-Encoding: gzip}) and decompresses itself, so the API sends
 *       its stored bytes untouched;</li>
 *   <li>sends {@code X-Client-Cache} / {@code X-Client-Cached-At} / {@code If-None-Match} from the
 *       {@link LocalCopy} given;</li>
 *   <li>the local copy first: when the API cannot answer (unreachable, timed out, 503 or another
 *       5xx) a local copy stored less than {@code localCopyMaxAge} (3 days, the API's own
 *       {@code client-cache-max-age}) ago is used ({@link FallbackResult.UseLocalCopy} with the
 *       API's problem attached), as the API itself would have said.</li>
 *   <li>judges the upstream's pages by the {@code hexsnap-v1} contract ({@link Builder#policy}).</li>
 * </ul>
 * It never throws for a network or server problem: every such case without a young local copy
 * is a {@link FallbackResult.NotServed} with {@link FallbackResult.Why#UNAVAILABLE}.
 */
public final class FallbackClient {

    /** Reason of a {@link FallbackResult.UseLocalCopy} decided by the client while the API could not answer. */
    public static final String YOUNG_LOCAL_COPY = "young-local-copy";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration localCopyMaxAge;
    private final String token;
    private final Clock clock;
    /** Null for the default, resolved on first {@link #serve}: a client that only fetches never reads a contract. */
    private final FallbackPolicy policy;

    private FallbackClient(URI base, HttpClient http, Duration requestTimeout, Duration localCopyMaxAge, String token,
                           Clock clock, FallbackPolicy policy) {
        this.base = base;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.localCopyMaxAge = localCopyMaxAge;
        this.token = token;
        this.clock = clock;
        this.policy = policy;
    }

    /** A builder for the API at {@code base}, e.g. {@code http://fallback-api:8080}. */
    public static Builder builder(URI base) {
        return new Builder(base);
    }

    /**
     * Serves a page the way the policy says: the upstream's answer when it is good, else (after
     * one retry for store products) the fallback API's snapshot or the local copy.
     *
     * @param upstream asked once, or twice for store products; an exception it throws counts as a failed answer
     * @param local    what the service holds of the page, or {@link LocalCopy#NONE}
     */
    public Outcome serve(PageRequest request, Supplier<UpstreamAnswer> upstream, LocalCopy local) {
        int attempts = 0;
        while (true) {
            attempts++;
            UpstreamAnswer answer = ask(upstream);
            FallbackPolicy.Verdict verdict = (policy != null ? policy : FallbackPolicy.standard()).judge(request, answer, attempts);
            if (verdict == FallbackPolicy.Verdict.USE_UPSTREAM) {
                return new Outcome(Outcome.Source.UPSTREAM, answer.json(), attempts, null);
            }
            if (verdict == FallbackPolicy.Verdict.FALL_BACK) {
                break;
            }
        }
        FallbackResult result = fetch(request, local);
        return switch (result) {
            case FallbackResult.Snapshot snapshot -> new Outcome(Outcome.Source.SNAPSHOT, snapshot.json(), attempts, result);
            case FallbackResult.UseLocalCopy ignored -> new Outcome(Outcome.Source.LOCAL_COPY, null, attempts, result);
            case FallbackResult.NotServed ignored -> new Outcome(Outcome.Source.NOTHING, null, attempts, result);
        };
    }

    private static UpstreamAnswer ask(Supplier<UpstreamAnswer> upstream) {
        try {
            UpstreamAnswer answer = upstream.get();
            return answer == null ? UpstreamAnswer.failed("no answer") : answer;
        } catch (RuntimeException e) {
            return UpstreamAnswer.failed(e.toString());
        }
    }

    /**
     * Asks the fallback API for a page.
     *
     * @param local what the service holds of the page, or {@link LocalCopy#NONE}
     */
    public FallbackResult fetch(PageRequest request, LocalCopy local) {
        Objects.requireNonNull(request, "request");
        LocalCopy copy = local == null ? LocalCopy.NONE : local;
        FallbackResult result = ask(request, copy);
        if (result instanceof FallbackResult.NotServed problem && problem.why() == FallbackResult.Why.UNAVAILABLE
                && young(copy)) {
            return new FallbackResult.UseLocalCopy(SnapshotInfo.NONE, YOUNG_LOCAL_COPY, problem);
        }
        return result;
    }

    private boolean young(LocalCopy copy) {
        return copy.cachedAt() != null && Duration.between(copy.cachedAt(), clock.instant()).compareTo(localCopyMaxAge) < 0;
    }

    private FallbackResult ask(PageRequest request, LocalCopy copy) {
        HttpRequest.Builder http = HttpRequest.newBuilder(base.resolve(request.pathAndQuery()))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .header("X-Client-Cache", copy.isPresent() ? "present" : "absent")
                .GET();
        if (copy.cachedAt() != null) {
            http.header("X-Client-Cached-At", Long.toString(copy.cachedAt().toEpochMilli()));
        }
        if (copy.etag() != null) {
            http.header("If-None-Match", '"' + copy.etag() + '"');
        }
        if (token != null) {
            http.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response;
        try {
            response = this.http.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return unavailable(0, "timeout", "the fallback API did not answer within " + requestTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return unavailable(0, "io-error", "cannot reach the fallback API: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(0, "interrupted", "interrupted while calling the fallback API");
        } catch (RuntimeException e) {
            return unavailable(0, "client-error", "calling the fallback API failed: " + e);
        }
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_BODY);
            return interpret(response, bytes);
        } catch (IOException e) {
            return unavailable(response.statusCode(), "io-error", "reading the fallback API's answer failed: " + e);
        }
    }

    private static FallbackResult interpret(HttpResponse<?> response, byte[] body) {
        int status = response.statusCode();
        SnapshotInfo info = SnapshotInfo.of(response.headers());
        if (status == 304) {
            return new FallbackResult.UseLocalCopy(info,
                    response.headers().firstValue("X-Client-Cache-Reason").orElse("not-modified"), null);
        }
        boolean gzip = response.headers().firstValue("Content-Encoding").map(v -> v.strip().equalsIgnoreCase("gzip")).orElse(false);
        if (status == 200) {
            try {
                return new FallbackResult.Snapshot(gzip ? gunzip(body) : body, info);
            } catch (IOException e) {
                return unavailable(status, "bad-body", "the fallback API sent a damaged gzip body: " + e.getMessage());
            }
        }
        String reason = "http-" + status;
        String message = "the fallback API answered " + status;
        try {
            JsonNode error = JSON.readTree(gzip ? gunzip(body) : body);
            if (error != null && error.isObject()) {
                reason = text(error, "reason", reason);
                message = text(error, "message", message);
            }
        } catch (JacksonException | IOException e) {
            // Not our JSON (a proxy's page, say): keep the status-based reason.
        }
        FallbackResult.Why why = switch (status) {
            case 404 -> FallbackResult.Why.NOT_FOUND;
            case 409 -> FallbackResult.Why.DISABLED;
            // A missing or wrong caller token is a configuration bug, like a malformed request: not
            // something a local copy should hide. A 429 is "ask again later", like a 503.
            case 400, 401, 403 -> FallbackResult.Why.REJECTED;
            default -> FallbackResult.Why.UNAVAILABLE;
        };
        return new FallbackResult.NotServed(why, status, reason, message);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : fallback;
    }

    private static FallbackResult.NotServed unavailable(int status, String reason, String message) {
        return new FallbackResult.NotServed(FallbackResult.Why.UNAVAILABLE, status, reason, message);
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024)) {
            return in.readNBytes(MAX_BODY);
        }
    }

    /** Settings of a {@link FallbackClient}; every one has a default. */
    public static final class Builder {

        private final URI base;
        private Duration connectTimeout = Duration.ofMillis(300);
        private Duration requestTimeout = Duration.ofMillis(800);
        private Duration localCopyMaxAge = Duration.ofDays(3);
        private String token;
        private Clock clock = Clock.systemUTC();
        private FallbackPolicy policy;

        private Builder(URI base) {
            Objects.requireNonNull(base, "base");
            if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
                throw new IllegalArgumentException("the fallback API URI must be http or https, got " + base);
            }
            this.base = base;
        }

        /** How long opening a connection may take (default 300 ms). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a whole request may take, connection included (default 800 ms). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * How young a local copy must be to be used when the API cannot answer (default 3 days, the
         * API's {@code client-cache-max-age}); zero never uses one without the API's word.
         */
        public Builder localCopyMaxAge(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative()) {
                throw new IllegalArgumentException("localCopyMaxAge must not be negative");
            }
            this.localCopyMaxAge = maxAge;
            return this;
        }

        /**
         * This service's caller token for the API ({@code hexsnap.api.callers}), sent as
         * {@code Authorization: Bearer <token>}; leave unset when the API takes anonymous callers.
         */
        public Builder token(String callerToken) {
            if (callerToken == null || callerToken.isBlank() || !callerToken.matches("[\\x21-\\x7e]+")) {
                throw new IllegalArgumentException("token must be printable ASCII without spaces");
            }
            this.token = callerToken;
            return this;
        }

        /** The clock that ages local copies (default: the system's UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * When an upstream page calls for the fallback (default {@link FallbackPolicy#standard()}:
         * the {@code hexsnap-v1} contract). Give {@link FallbackPolicy#contract} with the contract
         * the worker crawls your services with, or {@link FallbackPolicy#rule} with your own rule.
         */
        public Builder policy(FallbackPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public FallbackClient build() {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            return new FallbackClient(base, http, requestTimeout, localCopyMaxAge, token, clock, policy);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
