/**
 * How the worker's crawlers wait for the pages they fetch side by side. The page requests
 * themselves go through core's one upstream layer ({@link dev.hexsnap.core.upstream.UpstreamPages}).
 */
package dev.hexsnap.worker.upstream;
