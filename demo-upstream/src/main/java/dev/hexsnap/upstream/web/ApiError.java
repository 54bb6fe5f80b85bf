package dev.hexsnap.upstream.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error answer's body: machine-readable code, the parameter at fault when there is one,
 * and a sentence for people.
 *
 * @param status    the HTTP status
 * @param error     a stable code: {@code bad_parameter}, {@code not_found}, {@code unauthorized},
 *                  {@code forbidden}, {@code injected_fault}, {@code outage}, {@code timeout}, ...
 * @param parameter the parameter at fault, or null
 * @param message   what is wrong, for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiError(int status, String error, String parameter, String message) {
}
