package dev.hexsnap.upstream.web;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.upstream.clock.WorldClock;
import dev.hexsnap.upstream.config.UpstreamSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.upstream.pages.GatewayChannels;
import dev.hexsnap.upstream.pages.GatewayPageJson;
import dev.hexsnap.upstream.pages.GatewayPageJson.Stamp;
import dev.hexsnap.upstream.pages.PageBuilder;
import dev.hexsnap.upstream.world.Moment;
import dev.hexsnap.upstream.world.Store;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldTime;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The gateway-shaped page API (docs/demo-upstream.md, "The gateway API"): the same world and
 * the same content as {@link PagesController}, in the shape of a large O2O company's gateway.
 * Location pages by POST with a JSON body, store pages by GET (products with the JSON document
 * inside one {@code body} parameter), every answer an envelope in HTTP 200 whose {@code code}
 * says success or failure, even for bad parameters and drill failures: what a client of such a
 * gateway has to cope with. The token is checked before ({@link GatewayAuthInterceptor}).
 */
@RestController
@RequestMapping(GatewayController.PREFIX)
final class GatewayController {

    /** Every gateway path starts with it. */
    static final String PREFIX = "/gw/o2o";

    static final int BAD_PARAMETER = 40001;
    static final int NOT_FOUND = 40401;
    static final int INTERNAL = 50000;

    private static final Logger log = LoggerFactory.getLogger(GatewayController.class);
    private static final int MAX_OFFSET = 100_000;

    private final PageBuilder pages;
    private final WorldClock clock;
    private final WorldTime time;
    private final FaultGate gate;
    private final JsonResponses json;
    private final GatewayPageJson gateway = new GatewayPageJson();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final int defaultPageSize;
    private final int maxPageSize;

    GatewayController(PageBuilder pages, WorldClock clock, WorldTime time, FaultGate gate, JsonResponses json, UpstreamSettings limits) {
        this.pages = pages;
        this.clock = clock;
        this.time = time;
        this.gate = gate;
        this.json = json;
        this.defaultPageSize = limits.defaultPageSize();
        this.maxPageSize = limits.maxPageSize();
    }

    @PostMapping("/page/home")
    void home(@RequestBody(required = false) byte[] body, HttpServletResponse response) throws IOException {
        location(null, object(body), response);
    }

    @PostMapping("/page/channel")
    void channel(@RequestBody(required = false) byte[] body, HttpServletResponse response) throws IOException {
        JsonNode request = object(body);
        String code = text(request, "channelCode");
        if (code == null || code.isEmpty()) {
            throw RequestRejectedException.badParameter("channelCode", "channelCode is required; one of " + GatewayChannels.codes());
        }
        Channel channel = GatewayChannels.fromCode(code).orElseThrow(() -> RequestRejectedException.badParameter("channelCode",
                "unknown channelCode '" + Params.abbreviate(code) + "'; expected one of " + GatewayChannels.codes()));
        location(channel, request, response);
    }

    private void location(Channel channel, JsonNode request, HttpServletResponse response) throws IOException {
        JsonNode location = request.get("location");
        if (location == null || !location.isObject()) {
            throw RequestRejectedException.badParameter("location", "location is required: {\"lat\": <degrees>, \"lng\": <degrees>}");
        }
        double latitude = Params.latitude("location.lat", coordinate(location, "lat"));
        double longitude = Params.longitude("location.lng", coordinate(location, "lng"));
        String who = Params.account("userId", text(request, "userId"));
        Moment moment = moment(text(request, "asOf"));
        FaultTarget target = channel == null ? FaultTarget.HOME : FaultTarget.CHANNEL;
        switch (gate.pass(target, response, this::failure)) {
            case SERVE -> {
                String cell = pages.locate(latitude, longitude).cell();
                if (cell != null) {
                    response.setHeader(PagesController.GIS_CELL_HEADER, cell);
                }
                var page = channel == null ? pages.home(latitude, longitude, who, moment) : pages.channel(channel, latitude, longitude, who, moment);
                Stamp stamp = stamp();
                json.write(response, 200, out -> gateway.location(page, stamp, out));
            }
            case EMPTY -> {
                var page = pages.emptyLocationPage(channel, latitude, longitude, who, moment);
                Stamp stamp = stamp();
                json.write(response, 200, out -> gateway.location(page, stamp, out));
            }
            case HANDLED -> {
            }
        }
    }

    @GetMapping("/poi/categories")
    void categories(@RequestParam(required = false) String poiId, @RequestParam(required = false) String asOf,
                    HttpServletResponse response) throws IOException {
        Store store = store(poiId);
        Moment moment = moment(asOf);
        switch (gate.pass(FaultTarget.STORE_CATEGORIES, response, this::failure)) {
            case SERVE -> {
                var page = pages.categories(store.id(), moment).orElseThrow();
                Stamp stamp = stamp();
                json.write(response, 200, out -> gateway.categories(page, stamp, out));
            }
            case EMPTY -> {
                var page = pages.emptyCategories(store, moment);
                Stamp stamp = stamp();
                json.write(response, 200, out -> gateway.categories(page, stamp, out));
            }
            case HANDLED -> {
            }
        }
    }

    /** GET with {@code ?body=<url-encoded JSON>}, or POST with the form-encoded parameter {@code body}. */
    @RequestMapping(path = "/poi/skus", method = {RequestMethod.GET, RequestMethod.POST})
    void products(@RequestParam(name = "body", required = false) String body, HttpServletResponse response) throws IOException {
        JsonNode request = object(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        Store store = store(text(request, "poiId"));
        String category = Params.id("categoryId", text(request, "categoryId"));
        int offset = Params.integer("offset", integer(request, "offset"), 0, 0, MAX_OFFSET);
        int limit = Params.integer("limit", integer(request, "limit"), defaultPageSize, 1, maxPageSize);
        Moment moment = moment(text(request, "asOf"));
        World.CategoryProducts products = pages.world().productsFrom(store, category, offset, limit, moment).orElseThrow(() ->
                RequestRejectedException.notFound("categoryId", "store " + store.id() + " has no category '" + category
                        + "' on its menu at " + moment.instant() + " (" + moment.slot().id() + ")"));
        switch (gate.pass(FaultTarget.STORE_PRODUCTS, response, this::failure)) {
            case SERVE -> {
                Stamp stamp = stamp();
                json.write(response, 200, out -> gateway.products(store.id(), category, offset, limit, products.totalProducts(),
                        moment.instant(), products.products(), stamp, out));
            }
            case EMPTY -> {
                Stamp stamp = stamp();
                json.write(response, 200, out -> gateway.products(store.id(), category, offset, limit, products.totalProducts(),
                        moment.instant(), List.of(), stamp, out));
            }
            case HANDLED -> {
            }
        }
    }

    @ExceptionHandler(RequestRejectedException.class)
    void rejected(RequestRejectedException e, HttpServletResponse response) throws IOException {
        failure(response, e.body());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletResponse response) throws IOException {
        failure(response, new ApiError(400, "bad_parameter", "body", "the request body cannot be read"));
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("Client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletResponse response) throws IOException {
        log.error("Unexpected failure", e);
        if (!response.isCommitted()) {
            failure(response, new ApiError(500, "internal_error", null, "unexpected failure; see the upstream's log"));
        }
    }

    /**
     * Writes a failure the way the gateway does: HTTP 200, the reason in the envelope's code and
     * message (a gateway keeps HTTP for its own transport; the back-end's verdict is in the body).
     */
    private void failure(HttpServletResponse response, ApiError error) throws IOException {
        int code = envelopeCode(error);
        String message = error.parameter() == null ? error.message() : "invalid " + error.parameter() + ": " + error.message();
        Stamp stamp = stamp();
        json.write(response, 200, out -> gateway.failure(code, message, stamp, out));
    }

    /** The gateway's code for a v1 error (docs/demo-upstream.md lists them side by side). */
    static int envelopeCode(ApiError error) {
        return switch (error.error()) {
            case "bad_parameter" -> BAD_PARAMETER;
            case "not_found" -> NOT_FOUND;
            case "injected_fault" -> error.status() == 500 ? 50001 : 50301;
            case "outage" -> 50302;
            case "timeout" -> 50401;
            case "stopping" -> 50303;
            default -> INTERNAL;
        };
    }

    private JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw RequestRejectedException.badParameter("body", "the request needs a JSON object body");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw RequestRejectedException.badParameter("body", "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw RequestRejectedException.badParameter("body", "the body must be a JSON object");
        }
        return node;
    }

    /** A string field; null when absent or JSON null; a non-string is refused. */
    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw RequestRejectedException.badParameter(field, field + " must be a string");
        }
        return value.stringValue();
    }

    /** A coordinate: a JSON number, or a string holding one (left to {@link Params} to check). */
    private static String coordinate(JsonNode location, String field) {
        JsonNode value = location.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.numberValue().toString();
        }
        if (value.isString()) {
            return value.stringValue();
        }
        throw RequestRejectedException.badParameter("location." + field, "location." + field + " must be a number of degrees");
    }

    /** A whole number: a JSON integer, or a string holding one (left to {@link Params} to check). */
    private static String integer(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.numberValue().toString();
        }
        if (value.isString()) {
            return value.stringValue();
        }
        throw RequestRejectedException.badParameter(field, field + " must be a whole number");
    }

    private Store store(String raw) {
        String id = Params.id("poiId", raw);
        return pages.world().store(id).orElseThrow(() -> RequestRejectedException.badParameter("poiId", "no store '" + id + "'"));
    }

    private Moment moment(String asOf) {
        Instant instant = Params.at("asOf", asOf);
        return time.at(instant != null ? instant : clock.now());
    }

    /** Request ids are random and the server time is the real one: both volatile by nature, as a gateway's are. */
    private static Stamp stamp() {
        return new Stamp(UUID.randomUUID().toString().replace("-", ""), System.currentTimeMillis());
    }
}
