/**
 * The worker's settings ({@code hexsnap.worker.*}) and the wiring of its shared pieces.
 */
package dev.hexsnap.worker.config;
