package dev.hexsnap.api.error;

import dev.hexsnap.core.redis.RedisUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.Locale;

/**
 * Turns every exception a handler lets out into a JSON {@link ApiError}: never a stack trace,
 * and a 500 only for a genuine bug (logged with its trace here, not sent).
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        return body(e.status(), headers, new ApiError(e.status().value(), e.error(), e.reason(), e.parameter(),
                e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(RedisUnavailableException.class)
    ResponseEntity<ApiError> redisDown(RedisUnavailableException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return body(HttpStatus.SERVICE_UNAVAILABLE, headers, new ApiError(503, "unavailable", "redis-unavailable", null,
                "the snapshot store (Redis) is unreachable; try again shortly", request.getRequestURI()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return badRequest(e.getParameterName(), e.getParameterName() + " is required", request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return badRequest(e.getHeaderName(), "header " + e.getHeaderName() + " is required", request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return badRequest(e.getName(), e.getName() + " has an invalid value", request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
        return badRequest("body", "the request body is not the expected JSON", request);
    }

    @ExceptionHandler(ClientAbortException.class)
    void clientGone() {
        // The client hung up while we wrote; nothing to answer and nothing wrong here.
    }

    /**
     * Spring MVC's own exceptions (unknown path, wrong method, unsupported media type...) keep
     * their status; anything else is a bug: logged with its trace here, answered 500 without it.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring) {
            HttpStatusCode status = spring.getStatusCode();
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(spring.getHeaders());
            String detail = spring.getBody().getDetail();
            return body(status, headers, new ApiError(status.value(), errorName(status), null, null,
                    detail == null ? errorName(status) : detail, request.getRequestURI()));
        }
        log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, new HttpHeaders(), new ApiError(500, "internal-error", null, null,
                "unexpected server error; it has been logged", request.getRequestURI()));
    }

    private static ResponseEntity<ApiError> badRequest(String parameter, String message, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, new HttpHeaders(),
                new ApiError(400, "bad-request", "invalid-parameter", parameter, message, request.getRequestURI()));
    }

    static ResponseEntity<ApiError> body(HttpStatusCode status, HttpHeaders headers, ApiError error) {
        // An explicit content type skips Accept negotiation: an error is JSON even for "Accept: text/html".
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(error);
    }

    static String errorName(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return "error-" + status.value();
        }
        return switch (known) {
            case BAD_REQUEST -> "bad-request";
            case NOT_FOUND -> "not-found";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> known.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }
}
