package dev.hexsnap.diff.report;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.diff.score.CellScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG maps of sampled hexagons, drawn from the cells' own boundaries (no tiles, no
 * scripts): an equirectangular projection around the drawing's mean latitude, which at city
 * scale is indistinguishable from anything fancier.
 */
final class HexMap {

    private HexMap() {
    }

    /** The colour of a share from 0 (red) through amber to 1 (green); grey when nothing was scored. */
    static String colour(double share, boolean scored) {
        if (!scored) {
            return "#9e9e9e";
        }
        double hue = 120 * Math.max(0, Math.min(1, share));
        return String.format(Locale.ROOT, "hsl(%.0f, 70%%, 45%%)", hue);
    }

    /** The cells of one city and resolution, each filled by its share of matching points. */
    static String cityMap(HexGrid grid, String title, List<CellScore> cells, int width, int height) {
        List<List<LatLng>> outlines = new ArrayList<>();
        for (CellScore cell : cells) {
            outlines.add(grid.boundary(cell.cell().cell()));
        }
        Projection projection = Projection.fit(outlines, width, height, 8);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                width, height, width, height, Html.escape(title)));
        svg.append("<rect class=\"bg\" x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height).append("\"/>");
        for (int i = 0; i < cells.size(); i++) {
            CellScore cell = cells.get(i);
            boolean scored = cell.score().comparisons() > 0;
            svg.append("<polygon class=\"hex\" data-cell=\"").append(cell.cell().address())
                    .append("\" data-match=\"").append(Formats.decimal(cell.score().matchShare()))
                    .append("\" points=\"").append(projection.points(outlines.get(i)))
                    .append("\" fill=\"").append(colour(cell.score().matchShare(), scored)).append("\">")
                    .append("<title>").append(Html.escape(cell.cell().address() + " · res " + cell.cell().resolution()
                            + " · " + (scored ? Formats.percent(cell.score().matchShare()) + " matching, mean similarity "
                            + Formats.decimal(cell.score().meanSimilarity()) : "no live page answered")))
                    .append("</title></polygon>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** One cell large, with its seven points coloured by their own share of matching pages. */
    static String cellDetail(HexGrid grid, CellScore cell, int size) {
        List<LatLng> outline = grid.boundary(cell.cell().cell());
        List<LatLng> all = new ArrayList<>(outline);
        cell.points().forEach(p -> all.add(p.point()));
        all.add(cell.cell().hotspot());
        Projection projection = Projection.fit(List.of(all), size, size, 10);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"cell\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
                size, size, size, size));
        svg.append("<polygon class=\"hex outline\" points=\"").append(projection.points(outline))
                .append("\" fill=\"").append(colour(cell.score().matchShare(), cell.score().comparisons() > 0))
                .append("\" fill-opacity=\"0.25\"/>");
        for (CellScore.PointScore point : cell.points()) {
            double[] xy = projection.xy(point.point());
            svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s</title></circle>",
                    xy[0], xy[1], colour(point.score().matchShare(), point.score().comparisons() > 0),
                    Html.escape(point.label() + " " + point.point() + ": " + Formats.percent(point.score().matchShare())
                            + " of pages match, mean similarity " + Formats.decimal(point.score().meanSimilarity()))));
        }
        double[] hotspot = projection.xy(cell.cell().hotspot());
        svg.append(String.format(Locale.ROOT,
                "<path class=\"hotspot\" d=\"M%.1f %.1fl4 7h-8z\" fill=\"none\" stroke=\"#222\"><title>hotspot (where the snapshot was taken) %s</title></path>",
                hotspot[0], hotspot[1] - 4, cell.cell().hotspot()));
        svg.append("</svg>");
        return svg.toString();
    }

    /** Degrees to pixels, fitted to a box. */
    private record Projection(double minX, double maxY, double scale, double offsetX, double offsetY, double cosLat) {

        static Projection fit(List<List<LatLng>> shapes, int width, int height, int padding) {
            double sumLat = 0;
            int n = 0;
            for (List<LatLng> shape : shapes) {
                for (LatLng p : shape) {
                    sumLat += p.lat();
                    n++;
                }
            }
            double cos = Math.cos(Math.toRadians(n == 0 ? 0 : sumLat / n));
            double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (List<LatLng> shape : shapes) {
                for (LatLng p : shape) {
                    double x = p.lng() * cos;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, p.lat());
                    maxY = Math.max(maxY, p.lat());
                }
            }
            if (n == 0) {
                return new Projection(0, 0, 1, 0, 0, 1);
            }
            double spanX = Math.max(maxX - minX, 1e-6);
            double spanY = Math.max(maxY - minY, 1e-6);
            double scale = Math.min((width - 2.0 * padding) / spanX, (height - 2.0 * padding) / spanY);
            double offsetX = (width - spanX * scale) / 2;
            double offsetY = (height - spanY * scale) / 2;
            return new Projection(minX, maxY, scale, offsetX, offsetY, cos);
        }

        double[] xy(LatLng p) {
            return new double[]{offsetX + (p.lng() * cosLat - minX) * scale, offsetY + (maxY - p.lat()) * scale};
        }

        String points(List<LatLng> outline) {
            StringBuilder s = new StringBuilder();
            for (LatLng p : outline) {
                double[] xy = xy(p);
                if (!s.isEmpty()) {
                    s.append(' ');
                }
                s.append(String.format(Locale.ROOT, "%.1f,%.1f", xy[0], xy[1]));
            }
            return s.toString();
        }
    }
}
