/**
 * How the diff asks the live upstream for pages: {@link dev.hexsnap.diff.upstream.UpstreamPages}
 * and its HTTP implementation, bounded by core's {@link dev.hexsnap.core.upstream.RequestCeiling}
 * (requests per second over any one-second window and in flight, as for the worker) that also
 * proves afterwards that it held.
 */
package dev.hexsnap.diff.upstream;
