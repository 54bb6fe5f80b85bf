package dev.hexsnap.diff.probe;

import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.similarity.Comparison;

/**
 * One live page at one of a cell's seven points, compared with the cell's stored page.
 *
 * @param cell       the sampled cell
 * @param point      the point
 * @param pointIndex 0 for the centre, 1-6 for the corners
 * @param page       {@code home} or a channel id
 * @param comparison the outcome
 * @param problem    why the live page is missing (LIVE_FAILED), else null
 */
public record PageProbe(HotCell cell, ProbePoint point, int pointIndex, String page, Comparison comparison,
                        String problem) {

    public PageKind kind() {
        return page.equals("home") ? PageKind.HOME : PageKind.CHANNEL;
    }
}
