/**
 * Wiring and settings of the fallback API: the {@code hexsnap.api.*} properties, the beans
 * every feature shares, and the web server's tuning.
 */
package dev.hexsnap.api.config;
