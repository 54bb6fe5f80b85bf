package dev.hexsnap.diff.probe;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the seven points of a hexagon where the live page is asked for.
 *
 * @param label {@code centre}, or {@code v1}...{@code v6} for the corners in H3's order
 * @param point where
 */
public record ProbePoint(String label, LatLng point) {

    /**
     * The centre and the true corners of a cell (six, or five for a pentagon), each corner
     * moved {@code nudge} of the way toward the centre so that it lies inside the cell. The
     * corners come from H3's vertex functions: at odd resolutions the drawing boundary has
     * extra distortion vertices that are not corners.
     */
    public static List<ProbePoint> sevenPoints(HexGrid grid, long cell, double nudge) {
        List<ProbePoint> points = new ArrayList<>(7);
        points.add(new ProbePoint("centre", grid.center(cell)));
        List<LatLng> corners = grid.verticesInside(cell, nudge);
        for (int i = 0; i < corners.size(); i++) {
            points.add(new ProbePoint("v" + (i + 1), corners.get(i)));
        }
        return points;
    }
}
