package dev.hexsnap.api.direct;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A feature's snapshot endpoints, reachable from {@link DirectDispatchFilter}. An implementation
 * parses the path and calls the same serving code as the feature's controller; it must not
 * hold a rule of its own beyond reading the path and the parameters.
 */
public interface DirectRoute {

    /**
     * Serves the request when {@code path} is one of this feature's endpoints.
     *
     * @param path the request URI within the application (context path removed); the filter only passes URIs made of {@code [A-Za-z0-9/_-]}
     *             (no percent-encoding, path parameters or dot segments), leaving the rest to Spring MVC
     * @return false, having done nothing, when the path is not one of this feature's
     * @throws IOException or any exception the serving code throws (an
     *                     {@link dev.hexsnap.api.error.ApiException}, Redis unavailable...), which the
     *                     filter resolves exactly as Spring MVC resolves a controller's
     */
    boolean serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException;

    /**
     * A query parameter as Spring MVC binds it to a {@code String} argument: null when absent,
     * repeated values joined with commas (so that {@code lat=1&lat=2} is refused the same way).
     */
    static String parameter(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length == 0) {
            return null;
        }
        return values.length == 1 ? values[0] : String.join(",", values);
    }
}
