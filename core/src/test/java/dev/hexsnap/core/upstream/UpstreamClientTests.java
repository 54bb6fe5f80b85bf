package dev.hexsnap.core.upstream;

import com.sun.net.httpserver.HttpServer;
import dev.hexsnap.core.upstream.contract.PageRejectedException;
import dev.hexsnap.core.upstream.contract.PreparedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a real HTTP server on loopback whose answers the test scripts. */
class UpstreamClientTests {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failFirst;
    private volatile int status = 500;
    private volatile long hangMillis;
    private volatile String body = "good";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                int n = calls.incrementAndGet();
                if (n <= failFirst) {
                    if (hangMillis > 0) {
                        Thread.sleep(hangMillis);
                    }
                    exchange.sendResponseHeaders(status, -1);
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private UpstreamClient client(int attempts, Duration timeout) {
        return client(attempts, timeout, 1 << 20);
    }

    private UpstreamClient client(int attempts, Duration timeout, long maxPageBytes) {
        return new UpstreamClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), new RequestCeiling(1000, 4),
                new CircuitBreaker(100, 50, 0.9, Duration.ofSeconds(1), Duration.ofMinutes(1)), timeout,
                new UpstreamClient.Retry(attempts, Duration.ofMillis(5), 2.0, Duration.ofMillis(20)), status -> status == 200,
                maxPageBytes, false);
    }

    private PreparedRequest get(String path) {
        return new PreparedRequest("GET", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), List.of(), null,
                null, "GET " + path);
    }

    private static String accept(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.equals("empty")) {
            throw new PageRejectedException(PageRejectedException.Reason.EMPTY, "nothing on it");
        }
        if (!text.equals("good")) {
            throw new PageRejectedException(PageRejectedException.Reason.MALFORMED, "not good: " + text);
        }
        return text;
    }

    @Test
    void serverErrorsAreRetriedUntilAGoodAnswer() throws Exception {
        failFirst = 2;
        Fetched<String> page = client(4, Duration.ofSeconds(2)).fetch(get("/x"), UpstreamClientTests::accept);
        assertThat(page.page()).isEqualTo("good");
        assertThat(page.attempts()).isEqualTo(3);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void aNotFoundIsFinalAndNotRetried() {
        failFirst = 100;
        status = 404;
        UpstreamClient client = client(4, Duration.ofSeconds(2));
        assertThatThrownBy(() -> client.fetch(get("/x"), UpstreamClientTests::accept))
                .isInstanceOf(PageFetchException.class).hasMessageContaining("HTTP 404");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void emptyPagesAreRetriedAndFinallyReportedNeverReturned() {
        body = "empty";
        UpstreamClient client = client(3, Duration.ofSeconds(2));
        assertThatThrownBy(() -> client.fetch(get("/x"), UpstreamClientTests::accept))
                .isInstanceOf(PageFetchException.class)
                .hasMessageContaining("empty page")
                .satisfies(e -> assertThat(((PageFetchException) e).attempts()).isEqualTo(3));
        assertThat(calls.get()).isEqualTo(3);
        assertThat(client.stats().emptyPages()).isEqualTo(3);
    }

    @Test
    void aRequestThatHangsTimesOutAndIsRetried() throws Exception {
        UpstreamClient client = client(3, Duration.ofSeconds(1));
        client.fetch(get("/warm-up"), UpstreamClientTests::accept); // a cold JVM's first exchange alone can take a while
        failFirst = calls.get() + 1;
        hangMillis = 5_000;
        long timeoutsBefore = client.stats().timeouts();
        long started = System.nanoTime();
        Fetched<String> page = client.fetch(get("/x"), UpstreamClientTests::accept);
        assertThat(page.attempts()).isEqualTo(2);
        assertThat(client.stats().timeouts() - timeoutsBefore).isEqualTo(1);
        // bound: one 1 s timeout, a back-off of at most 20 ms and a fast answer: well under the 5 s hang
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);
    }

    @Test
    void anAnswerOverTheSizeLimitIsAFailureNotReadToTheEnd() {
        body = "x".repeat(100_000);
        UpstreamClient client = client(2, Duration.ofSeconds(2), 1_000);
        assertThatThrownBy(() -> client.fetch(get("/x"), UpstreamClientTests::accept))
                .isInstanceOf(PageFetchException.class).hasMessageContaining("over max-page-bytes (1000 bytes)");
        assertThat(calls.get()).isEqualTo(2);
    }
}
