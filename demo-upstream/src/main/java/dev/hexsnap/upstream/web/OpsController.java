package dev.hexsnap.upstream.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hexsnap.upstream.clock.WorldClock;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.upstream.faults.Faults;
import dev.hexsnap.upstream.world.Moment;
import dev.hexsnap.upstream.world.WorldTime;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Operator endpoints for failure drills and the world clock; guarded by {@link OpsAuthInterceptor}.
 *
 * <pre>
 * PUT /ops/faults  {"home": {"latencyMs": 200, "errorRate": 0.1}, "store-products": {"outage": true}}
 * PUT /ops/faults  {"all": {"emptyRate": 0.05}}
 * DELETE /ops/faults                                  (everything off)
 * PUT /ops/clock   {"instant": "2026-11-24T15:30:00Z"}  or  {"advance": "P1D"}
 * DELETE /ops/clock                                   (back to real time)
 * </pre>
 * A target's settings are replaced as a whole: fields left out are off.
 */
@RestController
@RequestMapping("/ops")
final class OpsController {

    private static final Set<String> FIELDS = Set.of("latencyMs", "errorRate", "timeoutRate", "emptyRate", "outage");

    private final Faults faults;
    private final WorldClock clock;
    private final WorldTime time;
    private final JsonResponses json;

    OpsController(Faults faults, WorldClock clock, WorldTime time, JsonResponses json) {
        this.faults = faults;
        this.clock = clock;
        this.time = time;
        this.json = json;
    }

    @GetMapping("/faults")
    void faults(HttpServletResponse response) throws IOException {
        json.write(response, 200, faultState());
    }

    @PutMapping("/faults")
    void setFaults(@RequestBody(required = false) JsonNode body, HttpServletResponse response) throws IOException {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw RequestRejectedException.badParameter("body", "expected a JSON object of targets (home, channel, store-categories, store-products, all) to fault settings");
        }
        // Validate everything first: a request either applies whole or not at all.
        Map<FaultTarget, FaultSettings> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            FaultTarget target;
            try {
                target = FaultTarget.fromId(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw RequestRejectedException.badParameter(Params.abbreviate(entry.getKey()), e.getMessage());
            }
            changes.put(target, settings(target.id(), entry.getValue()));
        }
        changes.forEach(faults::set);
        json.write(response, 200, faultState());
    }

    @DeleteMapping("/faults")
    void resetFaults(HttpServletResponse response) throws IOException {
        faults.reset();
        json.write(response, 200, faultState());
    }

    @GetMapping("/clock")
    void clock(HttpServletResponse response) throws IOException {
        json.write(response, 200, clockState());
    }

    @PutMapping("/clock")
    void setClock(@RequestBody(required = false) JsonNode body, HttpServletResponse response) throws IOException {
        if (body == null || !body.isObject() || (body.has("instant") == body.has("advance"))) {
            throw RequestRejectedException.badParameter("body", "expected {\"instant\": \"2026-11-24T15:30:00Z\"} or {\"advance\": \"P1D\"}");
        }
        if (body.has("instant")) {
            String raw = body.get("instant").asString("");
            Instant instant = Params.at(raw);
            if (instant == null) {
                throw RequestRejectedException.badParameter("instant", "instant must be an ISO-8601 instant");
            }
            clock.set(instant);
        } else {
            String raw = body.get("advance").asString("");
            try {
                Duration amount = Duration.parse(raw);
                if (amount.abs().compareTo(Duration.ofDays(3650)) > 0) {
                    throw RequestRejectedException.badParameter("advance", "advance must be within 3650 days either way");
                }
                clock.advance(amount);
            } catch (DateTimeParseException e) {
                throw RequestRejectedException.badParameter("advance", "advance must be an ISO-8601 duration such as P1D or PT6H, got '" + Params.abbreviate(raw) + "'");
            }
        }
        json.write(response, 200, clockState());
    }

    @DeleteMapping("/clock")
    void resetClock(HttpServletResponse response) throws IOException {
        clock.reset();
        json.write(response, 200, clockState());
    }

    private static FaultSettings settings(String target, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw RequestRejectedException.badParameter(target, target + " must be an object of fault settings " + FIELDS);
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw RequestRejectedException.badParameter(target + "." + Params.abbreviate(name), "unknown fault setting '"
                        + Params.abbreviate(name) + "'; expected " + FIELDS);
            }
        }
        long latency = node.has("latencyMs") ? whole(target + ".latencyMs", node.get("latencyMs")) : 0;
        double error = rate(target + ".errorRate", node.get("errorRate"));
        double timeout = rate(target + ".timeoutRate", node.get("timeoutRate"));
        double empty = rate(target + ".emptyRate", node.get("emptyRate"));
        boolean outage = false;
        if (node.has("outage")) {
            if (!node.get("outage").isBoolean()) {
                throw RequestRejectedException.badParameter(target + ".outage", target + ".outage must be true or false");
            }
            outage = node.get("outage").booleanValue();
        }
        try {
            return new FaultSettings(latency, error, timeout, empty, outage);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.badParameter(target, target + ": " + e.getMessage());
        }
    }

    private static long whole(String name, JsonNode value) {
        if (!value.isIntegralNumber() || value.longValue() < 0 || value.longValue() > 60_000) {
            throw RequestRejectedException.badParameter(name, name + " must be a whole number of milliseconds within [0, 60000]");
        }
        return value.longValue();
    }

    private static double rate(String name, JsonNode value) {
        if (value == null) {
            return 0;
        }
        if (!value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
            throw RequestRejectedException.badParameter(name, name + " must be a number within [0, 1]");
        }
        return value.doubleValue();
    }

    private Map<String, FaultSettings> faultState() {
        Map<String, FaultSettings> state = new LinkedHashMap<>();
        faults.all().forEach((target, value) -> state.put(target.id(), value));
        return state;
    }

    private ClockState clockState() {
        Moment now = time.at(clock.now());
        return new ClockState(now.instant().toString(), clock.fixedAt().isPresent(), now.slot().id(), time.zone().getId());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClockState(String now, boolean fixed, String slot, String zone) {
    }
}
