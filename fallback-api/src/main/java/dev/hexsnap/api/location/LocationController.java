package dev.hexsnap.api.location;

import dev.hexsnap.api.negotiation.SnapshotServing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * Home and channel pages by coordinates. Answers 200 with the snapshot (gzip as stored when
 * accepted), 304 when the client's copy will do, 400 for bad parameters, 404 when nothing is
 * stored near the point, 409 when the fallback is not rolled out to the request, 503 when
 * Redis is down.
 *
 * <p>The serving itself is {@link LocationPages}'s; plain {@code GET}s of these paths usually reach
 * it without this controller, through the direct dispatch filter. This controller answers the
 * rest (HEAD, percent-encoded paths) and documents the endpoints.
 */
@RestController
@RequestMapping("/v1/snapshots")
@Tag(name = "location pages", description = "home and channel pages by coordinates")
class LocationController {

    private final LocationPages pages;

    LocationController(SnapshotServing serving, CellLocator locator) {
        // Its own instance of the stateless serving code, so the controller needs no bean beyond
        // the ones it always took (its web slice test supplies just these).
        this.pages = new LocationPages(serving, locator);
    }

    @GetMapping("/home")
    @Operation(summary = "The home page snapshot of the cell containing a point")
    void home(@Parameter(description = "latitude, decimal degrees") @RequestParam(required = false) String lat,
              @Parameter(description = "longitude, decimal degrees") @RequestParam(required = false) String lng,
              @Parameter(description = "user id for roll-out (or header X-User-Id)") @RequestParam(required = false) String userId,
              @Parameter(description = "city slug for roll-out (or header X-City)") @RequestParam(required = false) String city,
              HttpServletRequest request, HttpServletResponse response) throws IOException {
        pages.home(lat, lng, userId, city, request, response);
    }

    @GetMapping("/channel/{channel}")
    @Operation(summary = "A channel page snapshot of the cell containing a point")
    void channel(@Parameter(description = "supermarket, fresh, pharmacy, flowers or electronics") @PathVariable String channel,
                 @Parameter(description = "latitude, decimal degrees") @RequestParam(required = false) String lat,
                 @Parameter(description = "longitude, decimal degrees") @RequestParam(required = false) String lng,
                 @Parameter(description = "user id for roll-out (or header X-User-Id)") @RequestParam(required = false) String userId,
                 @Parameter(description = "city slug for roll-out (or header X-City)") @RequestParam(required = false) String city,
                 HttpServletRequest request, HttpServletResponse response) throws IOException {
        pages.channel(channel, lat, lng, userId, city, request, response);
    }
}
