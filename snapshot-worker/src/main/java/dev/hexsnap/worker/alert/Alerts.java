package dev.hexsnap.worker.alert;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Raises the alarm: an ERROR log line (what log shippers page on), a count in the
 * {@code hexsnap.worker.alerts} metric tagged by kind, and, when a webhook is configured, a
 * JSON POST. Each kind fires at most once per generation and process, so a slow run does
 * not page every five seconds. A webhook that fails is logged, never fails the run.
 * Thread-safe.
 */
public final class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What went wrong. */
    public enum Kind {
        /** The run is taking longer than its time budget. */
        TIME_BUDGET("time-budget"),
        /** The share of cells or stores failed after retries passed the threshold. */
        FAILURES("failures"),
        /** Coverage stayed under the threshold: the previous generation keeps serving. */
        PUBLISH_REFUSED("publish-refused"),
        /** The run stopped on an error (restart it). */
        RUN_FAILED("run-failed");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final MeterRegistry metrics;
    private final HttpClient http;
    private final URI webhook;
    private final Duration webhookTimeout;
    private final Clock clock;
    private final Set<String> raised = ConcurrentHashMap.newKeySet();

    /** @param webhook where alerts are POSTed; null for none */
    public Alerts(MeterRegistry metrics, HttpClient http, URI webhook, Duration webhookTimeout, Clock clock) {
        this.metrics = metrics;
        this.http = http;
        this.webhook = webhook;
        this.webhookTimeout = webhookTimeout;
        this.clock = clock;
    }

    /**
     * Raises an alert unless this kind was already raised for the generation.
     *
     * @return whether it was raised now
     */
    public boolean raise(Kind kind, String generation, String message, Map<String, Object> details) {
        if (!raised.add(kind.id() + "/" + generation)) {
            return false;
        }
        log.error("ALERT {} generation {}: {}", kind.id(), generation, message);
        metrics.counter("hexsnap.worker.alerts", "kind", kind.id()).increment();
        if (webhook != null) {
            post(kind, generation, message, details);
        }
        return true;
    }

    private void post(Kind kind, String generation, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "hexsnap-snapshot-worker");
        body.put("alert", kind.id());
        body.put("generation", generation);
        body.put("message", message);
        body.put("at", clock.instant().toString());
        body.put("details", details);
        try {
            HttpRequest request = HttpRequest.newBuilder(webhook)
                    .timeout(webhookTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn("alert webhook answered HTTP {} for {}", response.statusCode(), kind.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("alert webhook interrupted for {}", kind.id());
        } catch (Exception e) {
            log.warn("alert webhook failed for {}: {}", kind.id(), e.getMessage());
        }
    }
}
