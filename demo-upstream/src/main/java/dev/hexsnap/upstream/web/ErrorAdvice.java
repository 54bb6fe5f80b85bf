package dev.hexsnap.upstream.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;

/**
 * Turns every failure into a JSON answer: 4xx naming the parameter for bad requests, a terse
 * 500 (details in the log, never a stack trace on the wire) for bugs.
 */
@RestControllerAdvice
final class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    private final JsonResponses json;

    ErrorAdvice(JsonResponses json) {
        this.json = json;
    }

    @ExceptionHandler(RequestRejectedException.class)
    void rejected(RequestRejectedException e, HttpServletResponse response) throws IOException {
        json.error(response, e.body());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletResponse response) throws IOException {
        json.error(response, new ApiError(400, "bad_parameter", "body", "the request body is not valid JSON"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    void noResource(NoResourceFoundException e, HttpServletResponse response) throws IOException {
        json.error(response, new ApiError(404, "not_found", null, "no such endpoint: /" + e.getResourcePath()
                + "; see GET /v1/pages/home, /v1/pages/channel/{channel}, /v1/pages/store/{storeId}/categories, "
                + "/v1/pages/store/{storeId}/categories/{categoryId}/products, /v1/world, /v1/heat"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    void method(HttpRequestMethodNotSupportedException e, HttpServletResponse response) throws IOException {
        json.error(response, new ApiError(405, "method_not_allowed", null, e.getMethod() + " is not supported here"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    void mediaType(HttpMediaTypeNotSupportedException e, HttpServletResponse response) throws IOException {
        json.error(response, new ApiError(415, "unsupported_media_type", "Content-Type", "send application/json"));
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        // The client hung up (its own timeout, a benchmark ending): nothing to answer, nothing wrong here.
        log.debug("Client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletResponse response) throws IOException {
        log.error("Unexpected failure", e);
        if (!response.isCommitted()) {
            json.error(response, new ApiError(500, "internal_error", null, "unexpected failure; see the upstream's log"));
        }
    }
}
