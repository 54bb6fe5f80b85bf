/**
 * The demo upstream: a simulated O2O world serving location-dependent home, channel and store
 * pages, with failure drills. {@link dev.hexsnap.upstream.DemoUpstream} starts it in-process;
 * {@link dev.hexsnap.upstream.UpstreamCommandLine} is {@code ./hexsnap upstream}.
 */
package dev.hexsnap.upstream;
