package dev.hexsnap.api.config;

import dev.hexsnap.api.negotiation.ClientCache;
import dev.hexsnap.api.negotiation.FallbackKind;
import dev.hexsnap.api.negotiation.SnapshotResponder;
import dev.hexsnap.api.rollout.RolloutSubjects;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Documents what every {@code GET /v1/snapshots/...} endpoint shares and its handler cannot
 * declare (the handlers write the answer themselves): the client-cache and roll-out request
 * headers, the answers (200, 304, 400, 401, 404, 409, 429, 503) and the headers a snapshot answer carries.
 * One place for all four endpoints, so that the document and {@link SnapshotResponder} name the
 * same headers.
 */
final class SnapshotEndpointsDocumentation implements OpenApiCustomizer {

    private static final String PREFIX = "/v1/snapshots/";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            Operation get = path.getValue().getGet();
            if (path.getKey().startsWith(PREFIX) && get != null) {
                requestHeaders(get);
                get.setResponses(responses());
            }
        }
    }

    private static void requestHeaders(Operation operation) {
        header(operation, ClientCache.STATE_HEADER, "whether the client holds a local copy of this page: present or absent");
        header(operation, ClientCache.CACHED_AT_HEADER, "when the client cached its copy (RFC 3339, or epoch milliseconds); "
                + "a copy younger than hexsnap.api.client-cache-max-age gets 304");
        header(operation, "If-None-Match", "the ETag of the client's copy; a match gets 304");
        header(operation, "If-Modified-Since", "HTTP date of the client's copy (when no If-None-Match)");
        header(operation, "Accept-Encoding", "gzip: the stored gzip bytes as they are (Content-Encoding: gzip); else plain JSON");
        header(operation, RolloutSubjects.USER_HEADER, "user id for the roll-out rules (or query parameter userId)");
        header(operation, RolloutSubjects.CITY_HEADER, "city slug for the roll-out rules (or query parameter city)");
        header(operation, "Authorization", "Bearer <caller token>, when hexsnap.api.callers.tokens is configured");
    }

    private static void header(Operation operation, String name, String description) {
        boolean present = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName()));
        if (!present) {
            operation.addParametersItem(new HeaderParameter().name(name).description(description).required(false)
                    .schema(new StringSchema()));
        }
    }

    private static ApiResponses responses() {
        Map<String, Header> described = new LinkedHashMap<>();
        described.put("ETag", text("the content hash of the page; store it and send it back as If-None-Match"));
        described.put("Age", text("seconds since the snapshot was crawled"));
        described.put(SnapshotResponder.CACHE_STATUS, text("RFC 9211: hexsnap; hit; key=...; detail=<fallback>"));
        described.put(SnapshotResponder.GENERATION_HEADER, text("the published generation served"));
        described.put(SnapshotResponder.SLOT_HEADER, text("day or night"));
        described.put(SnapshotResponder.SLOT_FALLBACK_HEADER, text("night when night had no published generation and day served"));
        described.put(FallbackKind.HEADER, text("exact, neighbour, coarser or finer"));
        described.put(SnapshotResponder.CELL_HEADER, text("H3 cell whose snapshot is served (location pages)"));
        described.put(SnapshotResponder.REQUESTED_CELL_HEADER, text("H3 cell of the asked point (location pages)"));
        described.put(SnapshotResponder.RESOLUTION_HEADER, text("resolution of the served cell (location pages)"));
        described.put(SnapshotResponder.AGE_HEADER, text("seconds since the crawl"));
        described.put(SnapshotResponder.CRAWLED_AT_HEADER, text("crawl time, RFC 3339"));
        described.put(SnapshotResponder.ACTION_HEADER, text("store (200: keep this copy) or use-local (304)"));
        described.put(SnapshotResponder.ACTION_REASON_HEADER, text("why the answer is 200 or 304"));
        Content json = new Content().addMediaType("application/json",
                new MediaType().schema(new ObjectSchema().description("the page, as the upstream answered it")));
        Schema<?> apiError = new ObjectSchema().description("what went wrong (dev.hexsnap.api.error.ApiError)")
                .addProperty("status", new IntegerSchema())
                .addProperty("error", new StringSchema().description("e.g. bad_request, not_found"))
                .addProperty("reason", new StringSchema().description("a machine-readable reason, e.g. no-snapshot"))
                .addProperty("parameter", new StringSchema().description("the parameter or header at fault (400)"))
                .addProperty("message", new StringSchema())
                .addProperty("path", new StringSchema());
        Content error = new Content().addMediaType("application/json", new MediaType().schema(apiError));
        return new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("the snapshot (gzip as stored when accepted)")
                        .content(json).headers(described))
                .addApiResponse("304", new ApiResponse().description("the client's copy will do: use it (no body)")
                        .headers(described))
                .addApiResponse("400", new ApiResponse().description("a parameter or header is missing or malformed; "
                        + "the error names it").content(error))
                .addApiResponse("404", new ApiResponse().description("nothing stored for this page, near the point or "
                        + "coarser; the reason says why").content(error))
                .addApiResponse("409", new ApiResponse().description("the fallback is switched off or not rolled out "
                        + "to this request").content(error))
                .addApiResponse("401", new ApiResponse().description("caller tokens are configured and the request carries "
                        + "none that is known (Authorization: Bearer <token>)").content(error))
                .addApiResponse("429", new ApiResponse().description("this caller is over its request limit; retry after "
                        + "Retry-After seconds").content(error))
                .addApiResponse("503", new ApiResponse().description("Redis is unreachable; retry later").content(error));
    }

    private static Header text(String description) {
        return new Header().description(description).schema(new StringSchema());
    }
}
