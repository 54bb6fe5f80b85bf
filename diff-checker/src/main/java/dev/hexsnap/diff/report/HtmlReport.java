package dev.hexsnap.diff.report;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.diff.cost.ResolutionCost;
import dev.hexsnap.diff.history.PastRun;
import dev.hexsnap.diff.score.CellScore;
import dev.hexsnap.diff.score.Estimate;
import dev.hexsnap.diff.score.FidelityEstimates;
import dev.hexsnap.diff.score.FidelityScores;
import dev.hexsnap.diff.score.Score;
import dev.hexsnap.diff.similarity.Verdict;
import dev.hexsnap.diff.store.StoreResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report a person reads: one self-contained HTML file (inline CSS and SVG, no scripts, no
 * external resources), readable offline and in any browser.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1180px;color:#1d1d1f;padding:0 1rem}
            h1{font-size:1.6rem;margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
            .sub{color:#666;margin-top:0}
            .recommendation{font-size:1.25rem;padding:1rem 1.2rem;border-radius:8px;margin:1.2rem 0}
            .recommendation.yes{background:#e6f4ea;border:1px solid #34a853}
            .recommendation.no{background:#fdecea;border:1px solid #d93025}
            .figures{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
            .figure{background:#f5f5f7;border-radius:8px;padding:.7rem 1rem;min-width:9rem}
            .figure b{display:block;font-size:1.3rem}
            table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}
            th,td{border:1px solid #ddd;padding:.3rem .6rem;text-align:right}
            th{background:#f5f5f7} td.l,th.l{text-align:left}
            tr.best td{background:#e6f4ea;font-weight:600}
            .scroll{overflow-x:auto} .scroll td{white-space:nowrap}
            .maps{display:flex;flex-wrap:wrap;gap:1rem}
            .city{border:1px solid #eee;border-radius:6px;padding:.4rem}
            .city h3{font-size:.95rem;margin:.2rem 0 .4rem}
            .panels{display:flex;gap:.4rem} .panel{text-align:center;font-size:.8rem;color:#555}
            svg.map rect.bg{fill:#fafafa} svg polygon.hex{stroke:#333;stroke-width:.6}
            .legend span{display:inline-block;width:2.2rem;height:.8rem;vertical-align:middle}
            .note{color:#555;font-size:.9rem} code{background:#f5f5f7;padding:0 .2rem}
            .bad{color:#b3261e;font-weight:600} .good{color:#137333;font-weight:600}
            dl.defs dt{font-weight:600;margin-top:.6rem} dl.defs dd{margin-left:1rem}
            """;

    private HtmlReport() {
    }

    public static void write(DiffReport report, HexGrid grid, int worstCells, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, render(report, grid, worstCells), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static String render(DiffReport r, HexGrid grid, int worstCells) {
        StringBuilder h = new StringBuilder(64 * 1024);
        DiffReport.Setup s = r.setup();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>hexsnap diff ").append(Html.escape(s.generation())).append("</title><style>")
                .append(STYLE).append("</style></head><body>");
        h.append("<h1>Snapshot fidelity: generation <code>").append(Html.escape(s.generation())).append("</code> (")
                .append(Html.escape(s.slot())).append(" slot)</h1>");
        h.append("<p class=\"sub\">Run #").append(r.runId()).append(", ").append(r.startedAt()).append(" · compared with the live upstream at ")
                .append(s.comparedAt()).append(" · grid build <code>").append(Html.escape(s.gridBuild())).append("</code> · seed ")
                .append(s.seed()).append("</p>");

        summary(h, r);
        fidelityAndCost(h, r);
        maps(h, r, grid);
        worst(h, r, grid, worstCells);
        cities(h, r);
        pages(h, r);
        stores(h, r);
        upstream(h, r);
        trend(h, r);
        definitions(h, r);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, DiffReport r) {
        h.append("<h2 id=\"summary\">Summary</h2>");
        boolean yes = r.recommendation().resolution() != null;
        h.append("<div id=\"recommendation\" class=\"recommendation ").append(yes ? "yes" : "no").append("\">")
                .append(Html.escape(r.recommendation().text())).append("</div>");
        FidelityScores f = r.fidelity();
        h.append("<div class=\"figures\">");
        figure(h, "cells sampled", Formats.count(r.sampling().cells().values().stream().mapToLong(Integer::longValue).sum()));
        figure(h, "points probed", Formats.count(r.sampling().points()));
        figure(h, "page comparisons", Formats.count(f.overall().comparisons()));
        figure(h, "matching (all)", Formats.percent(f.overall().matchShare()));
        figure(h, "mean similarity", Formats.decimal(f.overall().meanSimilarity()));
        figure(h, "key stores anomalous", r.stores().compared() == 0 ? "–"
                : r.stores().anomalous() + " / " + r.stores().compared());
        figure(h, "upstream ceiling", r.upstream().ceilingHeld() ? "held" : "EXCEEDED");
        figure(h, "duration", String.format(Locale.ROOT, "%.1f s", r.durationSeconds()));
        h.append("</div>");
        if (!r.sampling().citiesSkipped().isEmpty()) {
            h.append("<p class=\"note\">Skipped (no hot cell in the grid): ")
                    .append(Html.escape(String.join(", ", r.sampling().citiesSkipped()))).append(".</p>");
        }
        h.append("<p class=\"note\">").append(Html.escape(r.stores().recrawl().text())).append("</p>");
    }

    private static void figure(StringBuilder h, String label, String value) {
        h.append("<div class=\"figure\"><b>").append(Html.escape(value)).append("</b>").append(Html.escape(label)).append("</div>");
    }

    private static void fidelityAndCost(StringBuilder h, DiffReport r) {
        h.append("<h2 id=\"fidelity-cost\">Fidelity and cost per resolution</h2>");
        String margin = String.format(Locale.ROOT, "±%.0f pt", 100 * r.estimates().margin());
        h.append("<div class=\"scroll\"><table id=\"fidelity-cost-table\"><tr><th>Resolution</th><th>Cells sampled</th><th>Comparisons</th>")
                .append("<th>Matching users</th><th>95% CI (users)</th><th>Matching points</th><th>95% CI (points)</th>")
                .append("<th>Mean similarity</th><th>Home matching<br>users · points</th><th>Channels matching<br>users · points</th>")
                .append("<th>Cells per city for ").append(margin).append(" (users)</th>")
                .append("<th>Stored (this grid)</th><th>Cost / month (this grid)</th><th>Nationwide estimate / month*</th>")
                .append("<th class=\"l\">Target ").append(Formats.percent(r.setup().target())).append(" (users)</th></tr>");
        Integer best = r.recommendation().resolution();
        for (ResolutionCost c : r.costs()) {
            Score score = r.fidelity().resolution(c.resolution());
            FidelityEstimates.Shares e = r.estimates().resolution(c.resolution());
            Map<String, FidelityEstimates.Shares> kinds = r.estimates().kinds().getOrDefault(c.resolution(), Map.of());
            boolean meets = r.estimates().meets(c.resolution(), r.setup().target());
            h.append("<tr").append(best != null && best == c.resolution() ? " class=\"best\"" : "").append("><td>")
                    .append(c.resolution()).append("</td><td>")
                    .append(r.sampling().cells().getOrDefault(c.resolution(), 0)).append("</td><td>")
                    .append(Formats.count(score.comparisons())).append("</td><td>")
                    .append(dash(Formats.share(e.users()))).append("</td><td>").append(dash(Formats.interval(e.users()))).append("</td><td>")
                    .append(score.comparisons() == 0 ? "–" : Formats.percent(score.matchShare())).append("</td><td>")
                    .append(dash(Formats.interval(e.points()))).append("</td><td>")
                    .append(score.comparisons() == 0 ? "–" : Formats.decimal(score.meanSimilarity())).append("</td><td>")
                    .append(both(kinds.get("home"))).append("</td><td>").append(both(kinds.get("channel"))).append("</td><td>")
                    .append(cells(e.users())).append("</td><td>")
                    .append(Formats.bytes(c.bytes())).append("</td><td>")
                    .append(Formats.money(r.currency(), c.monthlyCost())).append("</td><td>")
                    .append(c.nationwideCells() == 0 ? "–" : Formats.money(r.currency(), c.nationwideMonthlyCost())
                            + " <span class=\"note\">(" + Formats.count(c.nationwideCells()) + " cells)</span>")
                    .append("</td><td class=\"l\">")
                    .append(!e.users().known() ? "not compared" : meets ? "<span class=\"good\">reaches</span>" : "<span class=\"bad\">below</span>")
                    .append("</td></tr>");
        }
        h.append("</table></div>");
        h.append("<p class=\"note\">Matching users = the sampled cells' shares of matching pages weighted by their requests ")
                .append("(the source's measure: the target is checked on it); matching points = every sampled cell alike. ")
                .append("95% CI = the interval the sample allows (this run: ").append(r.setup().cellsPerCity())
                .append(" cells per city); cells per city for ").append(margin)
                .append(" = the sample that would narrow the users' interval to that, from the spread seen here.</p>");
        h.append("<p class=\"note\">Price: ").append(Html.escape(r.price())).append(". Stored = location pages of the resolution (")
                .append("home and channels) plus the store pages, which any resolution run alone needs (")
                .append(Formats.bytes(r.storage().storeBytes())).append(" in ").append(Formats.count(r.storage().storeKeys()))
                .append(" store pages). * EXTRAPOLATION, not a measurement: stored location bytes per cell × the configured ")
                .append("nationwide hot cells of the resolution; store pages left out (they scale with stores, not cells).</p>");
    }

    private static String dash(String text) {
        return text.equals("-") ? "–" : text;
    }

    private static String both(FidelityEstimates.Shares shares) {
        return shares == null ? "–" : dash(Formats.share(shares.users())) + " · " + dash(Formats.share(shares.points()));
    }

    private static String cells(Estimate e) {
        return e.cellsPerCityForMargin() == null ? "–" : Formats.count(e.cellsPerCityForMargin());
    }

    private static String withInterval(Estimate e) {
        return !e.known() ? "–" : e.bounded() ? Formats.percent(e.share()) + " <span class=\"note\">(" + Formats.interval(e) + ")</span>"
                : Formats.percent(e.share());
    }

    private static String share(Score score) {
        return score == null || score.comparisons() == 0 ? "–" : Formats.percent(score.matchShare());
    }

    private static void maps(StringBuilder h, DiffReport r, HexGrid grid) {
        h.append("<h2 id=\"map\">Map of the sampled hexagons</h2>");
        h.append("<p class=\"legend note\">Each hexagon is a sampled cell, drawn from its H3 boundary and filled by its share of ")
                .append("matching points (all pages): <span style=\"background:").append(HexMap.colour(0, true)).append("\"></span> 0% ")
                .append("<span style=\"background:").append(HexMap.colour(0.5, true)).append("\"></span> 50% ")
                .append("<span style=\"background:").append(HexMap.colour(1, true)).append("\"></span> 100% ")
                .append("<span style=\"background:").append(HexMap.colour(0, false)).append("\"></span> no live answer. ")
                .append("Hover a hexagon for its figures. Cells of one city are spread over the city, so each panel is to its own scale.</p>");
        Map<String, Map<Integer, List<CellScore>>> byCity = new LinkedHashMap<>();
        for (String city : r.sampling().citiesSampled()) {
            byCity.put(city, new LinkedHashMap<>());
        }
        List<CellScore> sorted = new ArrayList<>(r.fidelity().cells());
        sorted.sort(Comparator.comparingLong(c -> c.cell().cell()));
        for (CellScore cell : sorted) {
            byCity.computeIfAbsent(cell.cell().region(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(cell.cell().resolution(), k -> new ArrayList<>()).add(cell);
        }
        TreeSet<Integer> resolutions = new TreeSet<>(r.sampling().cells().keySet());
        h.append("<div class=\"maps\">");
        for (var city : byCity.entrySet()) {
            h.append("<div class=\"city\" id=\"city-").append(Html.escape(city.getKey())).append("\"><h3>")
                    .append(Html.escape(city.getKey())).append("</h3><div class=\"panels\">");
            for (int resolution : resolutions) {
                List<CellScore> cells = city.getValue().getOrDefault(resolution, List.of());
                Score score = r.fidelity().cities().getOrDefault(resolution, Map.of()).get(city.getKey());
                h.append("<div class=\"panel\">");
                if (cells.isEmpty()) {
                    h.append("<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"170\" height=\"170\"><rect class=\"bg\" width=\"170\" height=\"170\"/>")
                            .append("<text x=\"85\" y=\"88\" text-anchor=\"middle\" font-size=\"11\" fill=\"#888\">no cells</text></svg>");
                } else {
                    h.append(HexMap.cityMap(grid, city.getKey() + " resolution " + resolution, cells, 170, 170));
                }
                h.append("<br>res ").append(resolution).append(": ").append(share(score)).append(" of points</div>");
            }
            h.append("</div></div>");
        }
        h.append("</div>");
    }

    private static void worst(StringBuilder h, DiffReport r, HexGrid grid, int worstCells) {
        h.append("<h2 id=\"worst\">Worst cells</h2>");
        List<CellScore> worst = r.fidelity().cells().stream().filter(c -> c.score().comparisons() > 0)
                .limit(worstCells).toList();
        if (worst.isEmpty()) {
            h.append("<p>No cell was compared.</p>");
            return;
        }
        h.append("<p class=\"note\">Lowest share of matching points first. The drawing shows the cell, its seven points coloured ")
                .append("by their own share of matching pages, and the hotspot (△) where the snapshot was taken.</p>");
        h.append("<table id=\"worst-cells\"><tr><th>#</th><th class=\"l\">Cell</th><th>Res</th><th class=\"l\">City</th>")
                .append("<th class=\"l\">Centre</th><th class=\"l\">Hotspot</th><th>Matching</th><th>Mean similarity</th>")
                .append("<th class=\"l\">Worst page</th><th>Points</th></tr>");
        int rank = 0;
        for (CellScore cell : worst) {
            rank++;
            var c = cell.cell();
            h.append("<tr><td>").append(rank).append("</td><td class=\"l\"><code>").append(c.address()).append("</code></td><td>")
                    .append(c.resolution()).append("</td><td class=\"l\">").append(Html.escape(c.region())).append("</td><td class=\"l\">")
                    .append(osm(c.centre())).append("</td><td class=\"l\">").append(osm(c.hotspot())).append("</td><td>")
                    .append(Formats.percent(cell.score().matchShare())).append("</td><td>")
                    .append(Formats.decimal(cell.score().meanSimilarity())).append("</td><td class=\"l\">")
                    .append(Html.escape(cell.worst())).append("</td><td>").append(HexMap.cellDetail(grid, cell, 110))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String osm(LatLng p) {
        return String.format(Locale.ROOT,
                "<a href=\"https://www.openstreetmap.org/?mlat=%.6f&amp;mlon=%.6f#map=16/%.6f/%.6f\">%s</a>",
                p.lat(), p.lng(), p.lat(), p.lng(), p);
    }

    private static void cities(StringBuilder h, DiffReport r) {
        h.append("<h2 id=\"cities\">Per city</h2>");
        h.append("<p class=\"note\">Matching users and matching points with their 95% intervals, and the cells of the city a ")
                .append("sample would need for its own users' figure to be ").append(String.format(Locale.ROOT, "±%.0f points",
                        100 * r.estimates().margin())).append(" (all of them when the city has fewer).</p>");
        TreeSet<Integer> resolutions = new TreeSet<>(r.fidelity().cities().keySet());
        h.append("<div class=\"scroll\"><table id=\"city-table\"><tr><th class=\"l\">City</th>");
        for (int res : resolutions) {
            h.append("<th>Res ").append(res).append(" matching users</th><th>Res ").append(res).append(" matching points</th><th>Res ")
                    .append(res).append(" mean similarity</th><th>Res ").append(res).append(" cells for ")
                    .append(String.format(Locale.ROOT, "±%.0f pt", 100 * r.estimates().margin())).append("</th>");
        }
        h.append("</tr>");
        for (String city : r.sampling().citiesSampled()) {
            h.append("<tr><td class=\"l\"><a href=\"#city-").append(Html.escape(city)).append("\">").append(Html.escape(city)).append("</a></td>");
            for (int res : resolutions) {
                Score score = r.fidelity().cities().get(res).get(city);
                FidelityEstimates.Shares e = r.estimates().cities().getOrDefault(res, Map.of())
                        .getOrDefault(city, FidelityEstimates.Shares.NONE);
                h.append("<td>").append(withInterval(e.users())).append("</td><td>").append(withInterval(e.points())).append("</td><td>")
                        .append(score == null || score.comparisons() == 0 ? "–" : Formats.decimal(score.meanSimilarity())).append("</td><td>")
                        .append(cells(e.users())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table></div>");
    }

    private static void pages(StringBuilder h, DiffReport r) {
        h.append("<h2 id=\"pages\">Per page</h2><table id=\"page-table\"><tr><th>Res</th><th class=\"l\">Page</th><th>Comparisons</th>")
                .append("<th>Matching users (95% CI)</th><th>Matching points (95% CI)</th><th>Mean similarity</th>")
                .append("<th>Left out (live failed or empty)</th></tr>");
        r.fidelity().pages().forEach((res, pages) -> pages.forEach((page, score) -> h.append("<tr><td>").append(res)
                .append("</td><td class=\"l\">").append(Html.escape(page)).append("</td><td>").append(Formats.count(score.comparisons()))
                .append("</td><td>").append(withInterval(pageEstimate(r, res, page).users())).append("</td><td>")
                .append(withInterval(pageEstimate(r, res, page).points())).append("</td><td>")
                .append(score.comparisons() == 0 ? "–" : Formats.decimal(score.meanSimilarity())).append("</td><td>")
                .append(Formats.count(score.excluded())).append("</td></tr>")));
        h.append("</table>");
        h.append("<h3>Per floor</h3><p class=\"note\">Mean overlap (Jaccard) of each floor's items (stores, products, channel entries ")
                .append("or banners), over the comparisons where either side has the floor.</p>");
        h.append("<table id=\"floor-table\"><tr><th>Res</th><th class=\"l\">Page kind / floor</th><th>Comparisons</th><th>Mean overlap</th></tr>");
        r.fidelity().floors().forEach((res, floors) -> floors.forEach((floor, overlap) -> h.append("<tr><td>").append(res)
                .append("</td><td class=\"l\">").append(Html.escape(floor)).append("</td><td>").append(Formats.count(overlap.comparisons()))
                .append("</td><td>").append(Formats.decimal(overlap.meanOverlap())).append("</td></tr>")));
        h.append("</table>");
        h.append("<h3>Verdicts</h3><table id=\"verdict-table\"><tr><th>Res</th>");
        for (Verdict v : Verdict.values()) {
            h.append("<th>").append(v.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</th>");
        }
        h.append("</tr>");
        r.fidelity().verdicts().forEach((res, counts) -> {
            h.append("<tr><td>").append(res).append("</td>");
            for (Verdict v : Verdict.values()) {
                h.append("<td>").append(Formats.count(counts.getOrDefault(v, 0L))).append("</td>");
            }
            h.append("</tr>");
        });
        h.append("</table>");
    }

    private static FidelityEstimates.Shares pageEstimate(DiffReport r, int resolution, String page) {
        return r.estimates().pages().getOrDefault(resolution, Map.of()).getOrDefault(page, FidelityEstimates.Shares.NONE);
    }

    private static void stores(StringBuilder h, DiffReport r) {
        h.append("<h2 id=\"stores\">Store diff</h2>");
        h.append("<p id=\"recrawl\" class=\"").append(r.stores().recrawl().triggered() ? "bad" : "good").append("\">")
                .append(Html.escape(r.stores().recrawl().text())).append("</p>");
        if (r.stores().stores().isEmpty()) {
            return;
        }
        h.append("<table id=\"store-table\"><tr><th class=\"l\">Store</th><th>Shown in cells</th><th class=\"l\">Status</th>")
                .append("<th>Tree same</th><th>Tree overlap</th><th>Leaves</th><th>Product pages</th><th>Product overlap</th>")
                .append("<th class=\"l\">Anomaly</th></tr>");
        for (StoreResult s : r.stores().stores()) {
            boolean compared = s.counted();
            h.append("<tr><td class=\"l\"><code>").append(Html.escape(s.storeId())).append("</code></td><td>").append(s.shownIn())
                    .append("</td><td class=\"l\">").append(Html.escape(s.status())).append("</td><td>")
                    .append(compared ? (s.treeSame() ? "yes" : "<span class=\"bad\">no</span>") : "–").append("</td><td>")
                    .append(compared ? Formats.decimal(s.treeOverlap()) : "–").append("</td><td>").append(s.leaves()).append("</td><td>")
                    .append(s.productPages()).append("</td><td>").append(compared ? Formats.decimal(s.productOverlap()) : "–")
                    .append("</td><td class=\"l\">").append(s.anomalous() ? "<span class=\"bad\">" + Html.escape(s.reason()) + "</span>"
                            : Html.escape(s.reason())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void upstream(StringBuilder h, DiffReport r) {
        var u = r.upstream();
        var c = u.ceiling();
        h.append("<h2 id=\"upstream\">Requests to the live upstream</h2><table id=\"upstream-table\">");
        row(h, "Upstream", Html.escape(r.setup().upstreamUrl()));
        row(h, "Ceiling", String.format(Locale.ROOT, "%d requests/s in any second, %d in flight", c.requestsPerSecond(), c.maxConcurrent()));
        row(h, "Requests made (retries included)", Formats.count(c.requests()));
        row(h, "Mean rate", String.format(Locale.ROOT, "%.1f requests/s", c.meanRate()));
        row(h, "Most starts in any second", Integer.toString(c.peakPerSecond()));
        row(h, "Most in flight", Integer.toString(c.peakInFlight()));
        row(h, "Ceiling held", u.ceilingHeld() ? "<span class=\"good\">yes</span>" : "<span class=\"bad\">NO</span>");
        row(h, "Failed requests (after retries) / retries", u.failedRequests() + " / " + u.retries());
        row(h, "Probing / store diff", String.format(Locale.ROOT, "%.1f s / %.1f s", u.probeSeconds(), u.storeSeconds()));
        h.append("</table>");
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th class=\"l\">").append(Html.escape(label)).append("</th><td class=\"l\">").append(value).append("</td></tr>");
    }

    private static void trend(StringBuilder h, DiffReport r) {
        h.append("<h2 id=\"trend\">Trend</h2>");
        if (r.history().isEmpty()) {
            h.append("<p class=\"note\">No earlier run of the ").append(Html.escape(r.setup().slot())).append(" slot.</p>");
            return;
        }
        TreeSet<Integer> resolutions = new TreeSet<>(r.fidelity().resolutions().keySet());
        r.history().forEach(p -> resolutions.addAll(p.resolutions().keySet()));
        h.append("<table id=\"trend-table\"><tr><th>Run</th><th class=\"l\">Started</th><th class=\"l\">Generation</th>");
        for (int res : resolutions) {
            h.append("<th>Res ").append(res).append(" matching users</th><th>Res ").append(res).append(" matching points</th>");
        }
        h.append("<th>Recommended</th><th>Anomalous stores</th></tr>");
        h.append("<tr class=\"best\"><td>#").append(r.runId()).append(" (this)</td><td class=\"l\">").append(r.startedAt())
                .append("</td><td class=\"l\">").append(Html.escape(r.setup().generation())).append("</td>");
        PastRun previous = r.history().stream().filter(p -> "COMPLETE".equals(p.status())).findFirst().orElse(null);
        for (int res : resolutions) {
            Estimate users = r.estimates().resolution(res).users();
            PastRun.PastResolution before = previous == null ? null : previous.resolutions().get(res);
            String cell = !users.known() ? "–" : Formats.percent(users.share());
            if (before != null && before.userMatchShare() != null && users.known()) {
                cell += " (" + Formats.signed(users.share() - before.userMatchShare()) + ")";
            }
            h.append("<td>").append(cell).append("</td>");
            Score now = r.fidelity().resolution(res);
            cell = now.comparisons() == 0 ? "–" : Formats.percent(now.matchShare());
            if (before != null && now.comparisons() > 0) {
                cell += " (" + Formats.signed(now.matchShare() - before.matchShare()) + ")";
            }
            h.append("<td>").append(cell).append("</td>");
        }
        h.append("<td>").append(r.recommendation().resolution() == null ? "none" : r.recommendation().resolution()).append("</td><td>")
                .append(r.stores().anomalous()).append(" / ").append(r.stores().compared()).append("</td></tr>");
        for (PastRun p : r.history()) {
            h.append("<tr><td>#").append(p.runId()).append("</td><td class=\"l\">").append(p.startedAt()).append("</td><td class=\"l\">")
                    .append(Html.escape(p.generation() == null ? "(" + p.status().toLowerCase(Locale.ROOT) + ")" : p.generation())).append("</td>");
            for (int res : resolutions) {
                PastRun.PastResolution pr = p.resolutions().get(res);
                h.append("<td>").append(pr == null || pr.userMatchShare() == null ? "–" : Formats.percent(pr.userMatchShare()))
                        .append("</td><td>").append(pr == null ? "–" : Formats.percent(pr.matchShare())).append("</td>");
            }
            h.append("<td>").append(!"COMPLETE".equals(p.status()) ? "–" : p.recommendedResolution() == null ? "none" : p.recommendedResolution())
                    .append("</td><td>").append(p.storesCompared() == null ? "–" : p.storesAnomalous() + " / " + p.storesCompared())
                    .append("</td></tr>");
        }
        h.append("</table><p class=\"note\">Differences in brackets are percentage points against the previous complete run.</p>");
    }

    private static void definitions(StringBuilder h, DiffReport r) {
        h.append("<h2 id=\"definitions\">How these figures are defined</h2><dl class=\"defs\">");
        r.definitions().forEach((term, text) -> h.append("<dt>").append(Html.escape(term)).append("</dt><dd>")
                .append(Html.escape(text)).append("</dd>"));
        h.append("</dl>");
        h.append("<p class=\"note\">Machine-readable figures: <a href=\"report.json\">report.json</a>.</p>");
    }
}
