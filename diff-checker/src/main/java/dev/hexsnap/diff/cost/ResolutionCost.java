package dev.hexsnap.diff.cost;

import java.math.BigDecimal;

/**
 * What running one resolution costs.
 *
 * @param resolution              H3 resolution
 * @param cells                   cells with stored pages at this resolution
 * @param locationBytes           their home and channel pages
 * @param storeBytes              the store pages (shared: any resolution run alone needs them)
 * @param bytes                   location pages plus store pages: this resolution run alone, on this grid
 * @param monthlyCost             {@code bytes} at the configured price, per month
 * @param nationwideCells         hot cells nationwide at this resolution (configured estimate)
 * @param nationwideLocationBytes EXTRAPOLATION: bytes per cell × nationwide cells, location pages only
 * @param nationwideMonthlyCost   EXTRAPOLATION: the above at the configured price, per month
 */
public record ResolutionCost(
        int resolution,
        long cells,
        long locationBytes,
        long storeBytes,
        long bytes,
        BigDecimal monthlyCost,
        long nationwideCells,
        long nationwideLocationBytes,
        BigDecimal nationwideMonthlyCost) {
}
