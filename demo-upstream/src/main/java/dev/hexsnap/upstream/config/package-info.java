/**
 * Wiring of the demo upstream: its settings ({@code hexsnap.upstream.*}) and the beans built
 * from them (the world, the page builder, the clock, the drills, the operator token).
 */
package dev.hexsnap.upstream.config;
