/**
 * The HTTP surface: the v1 page endpoints and the gateway-shaped page API over the same world,
 * the world summary and request heat, the operator endpoints, the token guards, failure drills
 * on the request path, and JSON errors.
 */
package dev.hexsnap.upstream.web;
