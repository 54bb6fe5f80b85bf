/**
 * What every stage that asks the page upstream shares: the
 * {@link dev.hexsnap.core.upstream.RequestCeiling} on requests per second and in flight, so that
 * the worker's crawl and the diff's probes protect the upstream by the same rule and measure it
 * the same way.
 */
package dev.hexsnap.core.upstream;
