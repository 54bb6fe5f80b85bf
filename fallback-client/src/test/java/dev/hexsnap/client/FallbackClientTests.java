package dev.hexsnap.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against servers that misbehave (a real loopback HTTP server, and a socket that
 * never answers): it returns a result, never throws, and never waits past its timeout. Its
 * decisions against the real API are tested in the fallback-api module.
 */
class FallbackClientTests {

    private HttpServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private URI serve(int status, String contentType, String body, AtomicReference<String> seenPath,
                      AtomicReference<String> seenCacheHeader) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (seenPath != null) {
                seenPath.set(exchange.getRequestURI().toString());
            }
            if (seenCacheHeader != null) {
                seenCacheHeader.set(exchange.getRequestHeaders().getFirst("X-Client-Cache") + "|"
                        + exchange.getRequestHeaders().getFirst("If-None-Match"));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void a503IsAnUnavailableResultWithTheApisReason() throws IOException {
        URI api = serve(503, "application/json", "{\"status\":503,\"error\":\"unavailable\",\"reason\":\"redis-unavailable\",\"message\":\"down\"}", null, null);

        FallbackResult result = FallbackClient.builder(api).requestTimeout(Duration.ofSeconds(5)).build().fetch(PageRequest.home(31.2, 121.4), LocalCopy.NONE);

        assertThat(result).isEqualTo(new FallbackResult.NotServed(FallbackResult.Why.UNAVAILABLE, 503, "redis-unavailable", "down"));
    }

    @Test
    void aNonJsonErrorPageStillGivesAResult() throws IOException {
        URI api = serve(502, "text/html", "<html>bad gateway</html>", null, null);

        FallbackResult result = FallbackClient.builder(api).requestTimeout(Duration.ofSeconds(5)).build().fetch(PageRequest.storeCategories("s1"), LocalCopy.NONE);

        assertThat(result).isInstanceOfSatisfying(FallbackResult.NotServed.class, r -> {
            assertThat(r.why()).isEqualTo(FallbackResult.Why.UNAVAILABLE);
            assertThat(r.reason()).isEqualTo("http-502");
        });
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheBound() throws IOException {
        ServerSocket silent = new ServerSocket(0);
        closeables.add(silent);
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                accepted.add(silent.accept());
            } catch (IOException ignored) {
                // closed at the end of the test
            }
        });
        FallbackClient client = FallbackClient.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                .requestTimeout(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        FallbackResult result = client.fetch(PageRequest.home(31.2, 121.4), LocalCopy.NONE);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result).isInstanceOfSatisfying(FallbackResult.NotServed.class,
                r -> assertThat(r.reason()).isEqualTo("timeout"));
        // 300 ms timeout; 1.5 s leaves room for a busy machine while still proving it does not hang.
        assertThat(millis).isBetween(250L, 1500L);
        acceptor.interrupt();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void requestsCarryThePathRolloutParametersAndCacheHeaders() throws IOException {
        AtomicReference<String> path = new AtomicReference<>();
        AtomicReference<String> cache = new AtomicReference<>();
        URI api = serve(304, "application/json", "", path, cache);

        FallbackResult result = FallbackClient.builder(api).requestTimeout(Duration.ofSeconds(5)).build().fetch(
                PageRequest.storeProducts("st 1", "cat-1", 2).forUser("u-1").inCity("shanghai"),
                new LocalCopy("abc", null));

        assertThat(result).isInstanceOf(FallbackResult.UseLocalCopy.class);
        assertThat(path.get()).isEqualTo("/v1/snapshots/store/st%201/categories/cat-1/products?page=2&userId=u-1&city=shanghai");
        assertThat(cache.get()).isEqualTo("present|\"abc\"");
    }

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final LocalCopy HOUR_OLD = new LocalCopy("abc", NOW.minus(Duration.ofHours(1)));

    /** A client on the fixed clock; 5 s for a server expected to answer (the shared machine can be slow). */
    static FallbackClient answering(URI api) {
        return FallbackClient.builder(api).clock(CLOCK).requestTimeout(Duration.ofSeconds(5)).build();
    }

    static final String REDIS_DOWN = "{\"status\":503,\"error\":\"unavailable\",\"reason\":\"redis-unavailable\",\"message\":\"down\"}";

    @Test
    void aYoungLocalCopyIsUsedWhenTheApiAnswers503() throws IOException {
        URI api = serve(503, "application/json", REDIS_DOWN, null, null);

        FallbackResult result = answering(api).fetch(PageRequest.home(31.2, 121.4), HOUR_OLD);

        assertThat(result).isInstanceOfSatisfying(FallbackResult.UseLocalCopy.class, use -> {
            assertThat(use.reason()).isEqualTo(FallbackClient.YOUNG_LOCAL_COPY);
            assertThat(use.info()).isEqualTo(SnapshotInfo.NONE);
            assertThat(use.apiProblem().reason()).isEqualTo("redis-unavailable");
        });
    }

    @Test
    void aYoungLocalCopyIsUsedWhenTheApiIsUnreachableOrSilent() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        FallbackResult refused = FallbackClient.builder(URI.create("http://127.0.0.1:" + closedPort)).clock(CLOCK).build()
                .fetch(PageRequest.home(31.2, 121.4), HOUR_OLD);
        ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        closeables.add(silent);
        FallbackResult timedOut = FallbackClient.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                .requestTimeout(Duration.ofMillis(200)).clock(CLOCK).build().fetch(PageRequest.home(31.2, 121.4), HOUR_OLD);

        assertThat(refused).isInstanceOfSatisfying(FallbackResult.UseLocalCopy.class,
                use -> assertThat(use.apiProblem().reason()).isEqualTo("io-error"));
        assertThat(timedOut).isInstanceOfSatisfying(FallbackResult.UseLocalCopy.class,
                use -> assertThat(use.apiProblem().reason()).isEqualTo("timeout"));
    }

    @Test
    void aCopyAsOldAsTheMaximumIsNotUsedWithoutTheApi() throws IOException {
        URI api = serve(503, "application/json", REDIS_DOWN, null, null);
        LocalCopy threeDays = new LocalCopy("abc", NOW.minus(Duration.ofDays(3)));

        FallbackResult result = answering(api).fetch(PageRequest.home(31.2, 121.4), threeDays);

        assertThat(result).isEqualTo(new FallbackResult.NotServed(FallbackResult.Why.UNAVAILABLE, 503, "redis-unavailable", "down"));
    }

    @Test
    void theApisOwnAnswerWinsOverAYoungCopy() throws IOException {
        URI api = serve(409, "application/json",
                "{\"status\":409,\"error\":\"fallback-disabled\",\"reason\":\"switch-off\",\"message\":\"off\"}", null, null);

        FallbackResult result = answering(api).fetch(PageRequest.home(31.2, 121.4), HOUR_OLD);

        assertThat(result).isEqualTo(new FallbackResult.NotServed(FallbackResult.Why.DISABLED, 409, "switch-off", "off"));
    }
}
