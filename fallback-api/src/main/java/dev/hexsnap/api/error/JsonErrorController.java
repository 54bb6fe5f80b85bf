package dev.hexsnap.api.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page for what never reaches a handler (a URI Tomcat rejects, a filter's error):
 * the same JSON as every other error instead of Boot's whitelabel page, whatever the client
 * accepts.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        if (status < 400) {
            status = 500;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        String message = status == 400 ? "the request is malformed"
                : known == null ? "error " + status : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        return ApiExceptionHandler.body(statusCode, new HttpHeaders(), new ApiError(status,
                ApiExceptionHandler.errorName(statusCode), null, null, message, uri == null ? null : uri.toString()));
    }
}
