package dev.hexsnap.upstream.config;

/**
 * The upstream's two bearer tokens: one guards the operator endpoints ({@code /ops/**}), the
 * other the gateway-shaped page API ({@code /gw/**}), as a company gateway's consumer token
 * would. Separate, so a crawler given the gateway's token cannot drive the drills.
 *
 * @param ops     bearer token of {@code /ops/**}
 * @param gateway bearer token of {@code /gw/**}
 */
public record UpstreamTokens(BearerToken ops, BearerToken gateway) {
}
