package dev.hexsnap.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A pass-through in front of the demo upstream that sees what the upstream sees: it notes
 * when every request arrives (to measure the busiest one-second window at the upstream's
 * side), keeps every request URI, and can fail chosen paths with HTTP 503, deterministically,
 * until told otherwise. Thread-safe.
 */
public final class UpstreamProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<URI> received = new ConcurrentLinkedQueue<>();
    private volatile Predicate<String> failing = path -> false;

    public UpstreamProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Paths (with their query) for which the predicate holds are answered 503. */
    public void failWhere(Predicate<String> paths) {
        this.failing = paths;
    }

    public void heal() {
        this.failing = path -> false;
    }

    public long requests() {
        return arrivals.size();
    }

    /** Every request as the upstream received it: path and query, in arrival order. */
    public List<URI> received() {
        return List.copyOf(received);
    }

    /** Seconds from the first request to the last. */
    public double spanSeconds() {
        List<Long> times = new ArrayList<>(arrivals);
        return times.isEmpty() ? 0 : (Collections.max(times) - Collections.min(times)) / 1e9;
    }

    /** The most requests that arrived within any one second. */
    public int busiestSecond() {
        return busiestSecondAfter(Duration.ZERO);
    }

    /** The same, leaving out the requests that arrived within {@code warmUp} of the first one. */
    public int busiestSecondAfter(Duration warmUp) {
        List<Long> times = new ArrayList<>(arrivals);
        Collections.sort(times);
        if (!times.isEmpty()) {
            long from = times.getFirst() + warmUp.toNanos();
            times.removeIf(t -> t < from);
        }
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

    private void handle(HttpExchange exchange) throws IOException {
        arrivals.add(System.nanoTime());
        received.add(exchange.getRequestURI());
        String path = exchange.getRequestURI().toString();
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            if (failing.test(path)) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(HttpRequest.newBuilder(URI.create(target + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // The worker gave up on the request (its timeout): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
