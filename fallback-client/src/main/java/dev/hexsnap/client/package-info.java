/**
 * The fallback client an SOA service embeds: {@link dev.hexsnap.client.FallbackPolicy} decides
 * from the upstream's answer whether to fall back, {@link dev.hexsnap.client.FallbackClient}
 * calls the fallback API with the client-cache headers and turns every answer (snapshot, "use
 * your local copy", not served, unavailable) into a {@link dev.hexsnap.client.FallbackResult};
 * it never throws for a network or server problem.
 */
package dev.hexsnap.client;
