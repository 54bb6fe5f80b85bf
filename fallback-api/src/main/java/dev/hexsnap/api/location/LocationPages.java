package dev.hexsnap.api.location;

import dev.hexsnap.api.direct.DirectRoute;
import dev.hexsnap.api.error.ApiException;
import dev.hexsnap.api.negotiation.SnapshotServing;
import dev.hexsnap.api.rollout.RolloutSubjects;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.snapshot.SnapshotKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Serves home and channel pages: checks the parameters (400 before any lookup), then hands the
 * request to {@link SnapshotServing} with the cell lookup. The one implementation behind both
 * {@link LocationController} (Spring MVC) and the direct route ({@link #serve(String,
 * HttpServletRequest, HttpServletResponse)}), which only differ in how they read the path.
 *
 * <p>Thread-safe, stateless beyond its collaborators.
 */
final class LocationPages implements DirectRoute {

    static final String HOME_PATH = "/v1/snapshots/home";
    static final String CHANNEL_PREFIX = "/v1/snapshots/channel/";

    private final SnapshotServing serving;
    private final CellLocator locator;

    LocationPages(SnapshotServing serving, CellLocator locator) {
        this.serving = serving;
        this.locator = locator;
    }

    void home(String lat, String lng, String userId, String city, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        SnapshotServing.mark(request, PageKind.HOME);
        LatLng point = Coordinates.parse(lat, lng);
        serving.serve(PageKind.HOME, RolloutSubjects.of(request, userId, city, null), request, response,
                at -> locator.locate(at.published().generation(), at.published().resolutions(), point,
                        SnapshotKey.Home::new, "home"));
    }

    void channel(String channel, String lat, String lng, String userId, String city, HttpServletRequest request,
                 HttpServletResponse response) throws IOException {
        SnapshotServing.mark(request, PageKind.CHANNEL);
        Channel which;
        try {
            which = Channel.fromId(channel);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("channel", "channel must be one of " + Channel.ids());
        }
        LatLng point = Coordinates.parse(lat, lng);
        serving.serve(PageKind.CHANNEL, RolloutSubjects.of(request, userId, city, null), request, response,
                at -> locator.locate(at.published().generation(), at.published().resolutions(), point,
                        (resolution, cell) -> new SnapshotKey.ChannelPage(which, resolution, cell), which.id() + " channel"));
    }

    @Override
    public boolean serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (path.equals(HOME_PATH)) {
            home(DirectRoute.parameter(request, "lat"), DirectRoute.parameter(request, "lng"),
                    DirectRoute.parameter(request, "userId"), DirectRoute.parameter(request, "city"), request, response);
            return true;
        }
        if (path.startsWith(CHANNEL_PREFIX) && path.length() > CHANNEL_PREFIX.length()
                && path.indexOf('/', CHANNEL_PREFIX.length()) < 0) {
            channel(path.substring(CHANNEL_PREFIX.length()), DirectRoute.parameter(request, "lat"),
                    DirectRoute.parameter(request, "lng"), DirectRoute.parameter(request, "userId"),
                    DirectRoute.parameter(request, "city"), request, response);
            return true;
        }
        return false;
    }
}
