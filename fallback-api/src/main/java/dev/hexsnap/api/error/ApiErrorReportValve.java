package dev.hexsnap.api.error;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The host's error report for what Tomcat answers itself, before any servlet or filter runs: a
 * request line with raw non-ASCII or {@code <}, a URI or headers beyond the connector's limits,
 * a method that is not a token, an HTTP version it does not speak. Tomcat's own valve writes an
 * HTML page there; this one writes the same {@link ApiError} JSON, with the same
 * {@code Content-Type} and {@code Cache-Control}, as every other error of the API.
 *
 * <p>Everything that reaches the application is answered by {@link ApiExceptionHandler} or,
 * failing that, Boot's error page ({@link JsonErrorController}); this valve writes only when
 * nothing has been written yet, as Tomcat's does. Installed on the host by the API's
 * configuration in place of Tomcat's {@link ErrorReportValve}.
 *
 * <p>Thread-safe.
 */
public final class ApiErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The same guards as Tomcat's valve: an error status, nothing written, reported once, I/O still possible.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        // ASCII only (the message is, the path is stripped): the reporter's default charset writes it as is.
        String body = JSON.writeValueAsString(new ApiError(status, ApiExceptionHandler.errorName(
                HttpStatusCode.valueOf(status)), "refused-by-server", null, message(status),
                path(request)));
        try {
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the answer is committed: nothing more to say.
        }
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "the request is malformed: a character not allowed in the request line or a header "
                    + "(send non-ASCII and < > percent-encoded), or a request line or headers beyond the server's limits";
            case 405 -> "this method is not supported here; the snapshot endpoints take GET";
            case 414 -> "the URI is longer than the server accepts";
            case 431 -> "the request headers are larger than the server accepts";
            case 501 -> "this server does not know that method; the snapshot endpoints take GET";
            case 505 -> "this HTTP version is not supported; use HTTP/1.1";
            default -> "the server refused the request (" + status + ")";
        };
    }

    /** The path as Tomcat parsed it, when it got that far, cut short and stripped of anything unprintable. */
    private static String path(Request request) {
        String uri;
        try {
            uri = request.getRequestURI();
        } catch (RuntimeException e) {
            return null;
        }
        if (uri == null || uri.isEmpty()) {
            return null;
        }
        String cut = uri.length() > 200 ? uri.substring(0, 200) + "..." : uri;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
