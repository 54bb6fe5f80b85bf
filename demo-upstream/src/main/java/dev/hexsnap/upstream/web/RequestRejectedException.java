package dev.hexsnap.upstream.web;

import org.springframework.http.HttpStatus;

/** A request the upstream refuses with a 4xx naming the parameter at fault. */
final class RequestRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final String parameter;

    private RequestRejectedException(HttpStatus status, String error, String parameter, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.parameter = parameter;
    }

    static RequestRejectedException badParameter(String parameter, String message) {
        return new RequestRejectedException(HttpStatus.BAD_REQUEST, "bad_parameter", parameter, message);
    }

    static RequestRejectedException notFound(String parameter, String message) {
        return new RequestRejectedException(HttpStatus.NOT_FOUND, "not_found", parameter, message);
    }

    ApiError body() {
        return new ApiError(status.value(), error, parameter, getMessage());
    }

    HttpStatus status() {
        return status;
    }
}
