/**
 * The HTTP surface: page endpoints, the world summary and request heat, the operator
 * endpoints with their token guard, failure drills on the request path, and JSON errors.
 */
package dev.hexsnap.upstream.web;
