package dev.hexsnap.api.error;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * An answer other than a snapshot, decided by a feature: a bad parameter (400), no or a wrong
 * token (401), nothing to serve (404), the fallback rolled out "off" for this request (409), a
 * caller over its limit (429), or the store unavailable (503). Carries no stack trace: these are expected, frequent, and never logged as failures.
 */
public final class ApiException extends RuntimeException {

    /** Header naming why the fallback is off for a request (409 answers). */
    public static final String FALLBACK_DISABLED_HEADER = "X-Fallback-Disabled";

    private final HttpStatus status;
    private final String error;
    private final String reason;
    private final String parameter;
    private final Map<String, String> headers;

    private ApiException(HttpStatus status, String error, String reason, String parameter, String message,
                         Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.reason = reason;
        this.parameter = parameter;
        this.headers = headers;
    }

    /** 400: {@code parameter} (a query parameter, path variable or header) is missing or invalid. */
    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad-request", "invalid-parameter", parameter, message, Map.of());
    }

    /** 404: nothing to serve, for {@code reason} (e.g. {@code no-snapshot}, {@code store-not-found}). */
    public static ApiException notFound(String reason, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", reason, null, message, Map.of());
    }

    /** 409: the fallback is off for this request; the caller must not use a snapshot. */
    public static ApiException disabled(String reason, String message) {
        return new ApiException(HttpStatus.CONFLICT, "fallback-disabled", reason, null, message,
                Map.of(FALLBACK_DISABLED_HEADER, reason));
    }

    /** 503: the snapshots cannot be read now; try again shortly. */
    public static ApiException unavailable(String reason, String message) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", reason, null, message,
                Map.of("Retry-After", "1"));
    }

    /** 401: the ops token is missing or wrong. */
    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "bad-token", null, message,
                Map.of("WWW-Authenticate", "Bearer realm=\"hexsnap-ops\""));
    }

    /** 401: the snapshot endpoints need a caller token and the request has none that is known. */
    public static ApiException callerUnauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "bad-caller-token", null, message,
                Map.of("WWW-Authenticate", "Bearer realm=\"hexsnap-api\""));
    }

    /** 429: the caller is over its request limit; it may ask again after {@code retryAfterSeconds}. */
    public static ApiException tooManyRequests(long retryAfterSeconds, String message) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "caller-rate-limit", null, message,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String reason() {
        return reason;
    }

    public String parameter() {
        return parameter;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
