/**
 * Operator endpoints ({@code /ops/...}): roll-out changes and a view of what this instance
 * serves, behind a bearer token compared in constant time; absent when no token is configured.
 */
package dev.hexsnap.api.ops;
