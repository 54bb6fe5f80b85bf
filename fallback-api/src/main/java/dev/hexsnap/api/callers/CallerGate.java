package dev.hexsnap.api.callers;

import dev.hexsnap.api.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * In front of the snapshot endpoints (first of all filters, before the direct dispatch): who is
 * calling, and whether it may now.
 * <ul>
 *   <li>with caller tokens configured, a request without {@code Authorization: Bearer <token>}
 *       of a known caller is refused with 401 ({@code bad-caller-token});</li>
 *   <li>with a rate limit, a caller over it is refused with 429 and {@code Retry-After} in whole
 *       seconds ({@code caller-rate-limit}). The caller is the token's name, or the client's
 *       address when no tokens are configured.</li>
 * </ul>
 * Refusals are answered by the application's exception resolver, so they are the same JSON as
 * every other error, and counted in {@code hexsnap.api.callers.refused{reason}}. Why before
 * anything else, the client's cache included: a refused caller must cost the API nothing.
 *
 * <p>Thread-safe.
 */
public final class CallerGate implements Filter {

    private final CallerTokens tokens;
    private final RequestLimiter limiter;
    private final HandlerExceptionResolver exceptionResolver;
    private final Counter unauthorized;
    private final Counter limited;

    CallerGate(CallerTokens tokens, RequestLimiter limiter, HandlerExceptionResolver exceptionResolver, MeterRegistry registry) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.exceptionResolver = exceptionResolver;
        this.unauthorized = refused(registry, "bad-caller-token");
        this.limited = refused(registry, "caller-rate-limit");
    }

    /**
     * The gate for the given settings, or null when there is nothing to check (no tokens, no limit).
     *
     * @param tokensSpec {@code name:token} pairs, or blank
     * @param rate       requests per second per caller; 0 for no limit
     * @param burst      requests at once per caller; 0 for one second's worth
     * @throws IllegalArgumentException on malformed settings
     */
    public static CallerGate of(String tokensSpec, double rate, int burst, HandlerExceptionResolver exceptionResolver,
                                MeterRegistry registry) {
        return of(tokensSpec, rate, burst, exceptionResolver, registry, System::nanoTime);
    }

    static CallerGate of(String tokensSpec, double rate, int burst, HandlerExceptionResolver exceptionResolver,
                         MeterRegistry registry, LongSupplier ticker) {
        CallerTokens tokens = CallerTokens.parse(tokensSpec);
        if (tokens.isEmpty() && rate <= 0) {
            return null;
        }
        RequestLimiter limiter = rate <= 0 ? null
                : new RequestLimiter(rate, burst > 0 ? burst : (int) Math.max(1, Math.ceil(rate)), ticker);
        return new CallerGate(tokens, limiter, exceptionResolver, registry);
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("hexsnap.api.callers.refused")
                .description("snapshot requests refused before serving: no known caller token (401) or over the caller's limit (429)")
                .tag("reason", reason)
                .register(registry);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        ApiException refusal = check(request);
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        (refusal.status().value() == 401 ? unauthorized : limited).increment();
        if (exceptionResolver.resolveException(request, response, null, refusal) == null) {
            throw refusal;
        }
    }

    private ApiException check(HttpServletRequest request) {
        String caller;
        if (tokens.isEmpty()) {
            caller = request.getRemoteAddr();
        } else {
            caller = tokens.callerOf(request.getHeader("Authorization"));
            if (caller == null) {
                return ApiException.callerUnauthorized("the snapshot endpoints need 'Authorization: Bearer <token>' "
                        + "with the token given to your service (hexsnap.api.callers.tokens)");
            }
        }
        if (limiter != null) {
            long waitNanos = limiter.acquire(caller);
            if (waitNanos > 0) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
                return ApiException.tooManyRequests(seconds, (tokens.isEmpty() ? "this client" : "caller " + caller)
                        + " is over its limit of requests to the snapshot endpoints; ask again in " + seconds + " s");
            }
        }
        return null;
    }
}
