package dev.hexsnap.diff.score;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.diff.sample.HotCell;

import java.util.List;

/**
 * One sampled cell's fidelity, overall and per point.
 *
 * @param cell   the cell
 * @param score  all its points and pages
 * @param points per point (centre first)
 * @param worst  the page and point with the lowest similarity, as {@code v3 home}; empty when all match
 */
public record CellScore(HotCell cell, Score score, List<PointScore> points, String worst) {

    /**
     * @param label {@code centre} or {@code v1}...{@code v6}
     * @param point where
     * @param score its pages
     */
    public record PointScore(String label, LatLng point, Score score) {
    }
}
