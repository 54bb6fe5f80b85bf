package dev.hexsnap.demo.pipeline;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How big the demo world is and where things go.
 *
 * @param home             where the demo keeps what it builds (embedded data, heat, logs, reports)
 * @param cities           the first N core cities of the world and the grid
 * @param points           request-heat points drawn for the grid
 * @param seed             the world's seed
 * @param homePageBytes    target home page size before compression
 * @param channelPageBytes target channel page size before compression
 * @param storeScale       multiplies the stores per city (smaller = quicker crawl)
 * @param topShare         the grid keeps the hottest cells holding this share of requests
 * @param rps              the crawl's and the diff's ceiling on requests per second to the upstream
 * @param concurrency      their ceiling on requests in flight
 * @param cellsPerCity     cells the diff samples per city and resolution
 * @param upstreamPort     preferred port of the demo upstream
 * @param apiPort          preferred port of the fallback API
 * @param fresh            crawl a new generation even when today's is already published
 * @param stageLimit       longest any batch stage may run
 */
public record DemoSettings(
        Path home,
        int cities,
        int points,
        long seed,
        int homePageBytes,
        int channelPageBytes,
        double storeScale,
        double topShare,
        int rps,
        int concurrency,
        int cellsPerCity,
        int upstreamPort,
        int apiPort,
        boolean fresh,
        Duration stageLimit) {
}
