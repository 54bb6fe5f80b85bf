package dev.hexsnap.api.direct;

import dev.hexsnap.api.health.ApiMetrics;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.util.List;

/**
 * Serves plain {@code GET /v1/snapshots/...} requests without Spring MVC's dispatch.
 *
 * <p>Why: a snapshot answer from the in-process cache is a few header values and a byte array
 * written as is, yet through the DispatcherServlet every request also paid for handler lookup,
 * argument resolution, interceptors and the filters in front of it, several times the cost of
 * the answer itself (measured: see docs/fallback-api.md). This filter, first in the chain,
 * hands the request to the feature's {@link DirectRoute}, which runs the same serving code as
 * the controller. It does not continue the chain for a request it served.
 *
 * <p>Everything else goes down the chain to Spring MVC unchanged: other methods (HEAD, POST:
 * 405), other paths, and any URI with a character outside {@code [A-Za-z0-9/_-]}
 * (percent-encoding, {@code ;} parameters, dot segments), whose decoding and normalisation are
 * Spring MVC's business. An exception from a route is resolved by the application's
 * {@link HandlerExceptionResolver}, i.e. by the same {@code @ExceptionHandler}s that answer for
 * the controllers, so an error is the same JSON on either path. The request is timed and
 * counted by the same {@link ApiMetrics} as the controllers' requests.
 *
 * <p>Thread-safe.
 */
public final class DirectDispatchFilter implements Filter {

    static final String PREFIX = "/v1/snapshots/";

    private final DirectRoute[] routes;
    private final HandlerExceptionResolver exceptionResolver;
    private final ApiMetrics metrics;

    public DirectDispatchFilter(List<DirectRoute> routes, HandlerExceptionResolver exceptionResolver, ApiMetrics metrics) {
        this.routes = routes.toArray(DirectRoute[]::new);
        this.exceptionResolver = exceptionResolver;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (!contextPath.isEmpty() && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        if (!"GET".equals(request.getMethod()) || !path.startsWith(PREFIX) || !plain(path)) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        Exception unresolved = null;
        try {
            if (!serve(path, request, response)) {
                chain.doFilter(request, response);
                return;
            }
        } catch (Exception e) {
            unresolved = resolve(e, request, response);
        }
        metrics.record(request, response, start, unresolved);
        if (unresolved != null) {
            rethrow(unresolved);
        }
    }

    private boolean serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        for (DirectRoute route : routes) {
            if (route.serve(path, request, response)) {
                return true;
            }
        }
        return false;
    }

    /** Answers the error as Spring MVC would have; returns the exception when nothing could. */
    private Exception resolve(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (!response.isCommitted()) {
            // As the DispatcherServlet does before resolving: no half-written body in front of the error.
            response.resetBuffer();
        }
        ModelAndView handled = exceptionResolver.resolveException(request, response, null, e);
        return handled == null ? e : null;
    }

    private static void rethrow(Exception e) throws IOException, ServletException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new ServletException(e);
    }

    /** Whether the URI is made only of characters that need no decoding or normalisation. */
    static boolean plain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return !path.contains("//");
    }
}
