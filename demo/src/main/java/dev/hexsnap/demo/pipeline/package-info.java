/**
 * The nightly pipeline end to end on a small demo world: services, demo upstream, grid,
 * crawl and publish, fallback API, diff, and the summary a newcomer reads.
 */
package dev.hexsnap.demo.pipeline;
