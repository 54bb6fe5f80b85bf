package dev.hexsnap.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every error answer.
 *
 * @param status    the HTTP status, repeated for clients that log bodies only
 * @param error     what kind of problem: {@code bad-request}, {@code not-found}, {@code fallback-disabled},
 *                  {@code unavailable}, {@code unauthorized}, ...
 * @param reason    a machine-readable detail, e.g. {@code no-snapshot}, {@code switch-off}, {@code redis-unavailable}
 * @param parameter the request parameter or header at fault, for {@code bad-request}
 * @param message   one sentence for a person
 * @param path      the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String reason, String parameter, String message, String path) {
}
