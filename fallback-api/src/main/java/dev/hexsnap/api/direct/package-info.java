/**
 * The snapshot endpoints served without Spring MVC's dispatch: a filter in front of the
 * DispatcherServlet hands plain {@code GET /v1/snapshots/...} requests to the features' own
 * serving code (the same code their controllers call), and resolves their errors through the
 * same exception handlers. Spring MVC still answers everything else.
 */
package dev.hexsnap.api.direct;
