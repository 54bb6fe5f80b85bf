package dev.hexsnap.upstream.web;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.upstream.clock.WorldClock;
import dev.hexsnap.upstream.config.UpstreamSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import dev.hexsnap.upstream.pages.PageBuilder;
import dev.hexsnap.upstream.world.Moment;
import dev.hexsnap.upstream.world.Store;
import dev.hexsnap.upstream.world.WorldTime;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;

/**
 * The page endpoints, as the worker and the diff call them. {@code at} (optional) is the
 * moment the page is computed for; without it the world clock decides. Parameters are checked
 * before any failure drill, so a bad request always gets its 400.
 */
@RestController
@RequestMapping("/v1/pages")
final class PagesController {

    /** Response header naming the GIS cell (a geohash) a home or channel page was computed for. */
    static final String GIS_CELL_HEADER = "X-Gis-Cell";

    private final PageBuilder pages;
    private final WorldClock clock;
    private final WorldTime time;
    private final FaultGate gate;
    private final JsonResponses json;
    private final int defaultPageSize;
    private final int maxPageSize;

    PagesController(PageBuilder pages, WorldClock clock, WorldTime time, FaultGate gate, JsonResponses json, UpstreamSettings limits) {
        this.pages = pages;
        this.clock = clock;
        this.time = time;
        this.gate = gate;
        this.json = json;
        this.defaultPageSize = limits.defaultPageSize();
        this.maxPageSize = limits.maxPageSize();
    }

    @GetMapping("/home")
    void home(@RequestParam(required = false) String lat, @RequestParam(required = false) String lng,
              @RequestParam(required = false) String account, @RequestParam(required = false) String at,
              HttpServletResponse response) throws IOException {
        double latitude = Params.latitude(lat);
        double longitude = Params.longitude(lng);
        String who = Params.account(account);
        Moment moment = moment(at);
        switch (gate.pass(FaultTarget.HOME, response)) {
            case SERVE -> {
                gisCellHeader(response, latitude, longitude);
                json.write(response, 200, pages.home(latitude, longitude, who, moment));
            }
            case EMPTY -> json.write(response, 200, pages.emptyLocationPage(null, latitude, longitude, who, moment));
            case HANDLED -> {
            }
        }
    }

    @GetMapping("/channel/{channel}")
    void channel(@PathVariable String channel, @RequestParam(required = false) String lat,
                 @RequestParam(required = false) String lng, @RequestParam(required = false) String account,
                 @RequestParam(required = false) String at, HttpServletResponse response) throws IOException {
        Channel which = Params.channel(channel);
        double latitude = Params.latitude(lat);
        double longitude = Params.longitude(lng);
        String who = Params.account(account);
        Moment moment = moment(at);
        switch (gate.pass(FaultTarget.CHANNEL, response)) {
            case SERVE -> {
                gisCellHeader(response, latitude, longitude);
                json.write(response, 200, pages.channel(which, latitude, longitude, who, moment));
            }
            case EMPTY -> json.write(response, 200, pages.emptyLocationPage(which, latitude, longitude, who, moment));
            case HANDLED -> {
            }
        }
    }

    @GetMapping("/store/{storeId}/categories")
    void categories(@PathVariable String storeId, @RequestParam(required = false) String at,
                    HttpServletResponse response) throws IOException {
        Store store = store(storeId);
        Moment moment = moment(at);
        switch (gate.pass(FaultTarget.STORE_CATEGORIES, response)) {
            case SERVE -> json.write(response, 200, pages.categories(store.id(), moment).orElseThrow());
            case EMPTY -> json.write(response, 200, pages.emptyCategories(store, moment));
            case HANDLED -> {
            }
        }
    }

    @GetMapping("/store/{storeId}/categories/{categoryId}/products")
    void products(@PathVariable String storeId, @PathVariable String categoryId,
                  @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                  @RequestParam(required = false) String at, HttpServletResponse response) throws IOException {
        Store store = store(storeId);
        String category = Params.id("categoryId", categoryId);
        int pageNumber = Params.integer("page", page, 1, 1, SnapshotKey.MAX_PAGE);
        int pageSize = Params.integer("size", size, defaultPageSize, 1, maxPageSize);
        Moment moment = moment(at);
        var products = pages.products(store, category, pageNumber, pageSize, moment).orElseThrow(() ->
                RequestRejectedException.notFound("categoryId", "store " + store.id() + " has no category '" + category
                        + "' on its menu at " + moment.instant() + " (" + moment.slot().id() + ")"));
        switch (gate.pass(FaultTarget.STORE_PRODUCTS, response)) {
            case SERVE -> json.write(response, 200, products);
            case EMPTY -> json.write(response, 200, pages.emptyProducts(store, category, pageNumber, pageSize, moment));
            case HANDLED -> {
            }
        }
    }

    /**
     * Names the GIS cell the page was computed for in a header rather than in the page: the page
     * model is the contract the worker stores and the API serves, and a header leaves it (and
     * the bytes of every stored snapshot) as it was. Absent in exact mode.
     */
    private void gisCellHeader(HttpServletResponse response, double latitude, double longitude) {
        String cell = pages.locate(latitude, longitude).cell();
        if (cell != null) {
            response.setHeader(GIS_CELL_HEADER, cell);
        }
    }

    private Store store(String raw) {
        String id = Params.id("storeId", raw);
        return pages.world().store(id).orElseThrow(() -> RequestRejectedException.badParameter("storeId", "no store '" + id + "'"));
    }

    private Moment moment(String at) {
        Instant instant = Params.at(at);
        return time.at(instant != null ? instant : clock.now());
    }
}
