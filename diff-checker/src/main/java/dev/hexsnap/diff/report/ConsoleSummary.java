package dev.hexsnap.diff.report;

import dev.hexsnap.diff.cost.ResolutionCost;
import dev.hexsnap.diff.score.Score;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary table printed at the end of a run. */
public final class ConsoleSummary {

    private ConsoleSummary() {
    }

    public static void print(DiffReport r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "hexsnap diff #%d · generation %s (%s slot) · grid %s · live at %s%n", r.runId(),
                r.setup().generation(), r.setup().slot(), r.setup().gridBuild(), r.setup().comparedAt());
        out.printf(Locale.ROOT, "%d cities sampled%s · %,d points · threshold %.2f · target %s%n",
                r.sampling().citiesSampled().size(),
                r.sampling().citiesSkipped().isEmpty() ? "" : " (" + r.sampling().citiesSkipped().size() + " skipped: no hot cell)",
                r.sampling().points(), r.setup().threshold(), Formats.percent(r.setup().target()));
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"res", "cells", "comparisons", "matching", "mean sim", "home", "channels", "stored", "cost/month",
                "nationwide*/month", "target"});
        for (ResolutionCost c : r.costs()) {
            Score s = r.fidelity().resolution(c.resolution());
            Map<String, Score> kinds = r.fidelity().kinds().getOrDefault(c.resolution(), Map.of());
            boolean compared = s.comparisons() > 0;
            rows.add(new String[]{
                    Integer.toString(c.resolution()),
                    Integer.toString(r.sampling().cells().getOrDefault(c.resolution(), 0)),
                    Formats.count(s.comparisons()),
                    compared ? Formats.percent(s.matchShare()) : "-",
                    compared ? Formats.decimal(s.meanSimilarity()) : "-",
                    share(kinds.get("home")),
                    share(kinds.get("channel")),
                    Formats.bytes(c.bytes()),
                    Formats.money(r.currency(), c.monthlyCost()),
                    c.nationwideCells() == 0 ? "-" : Formats.money(r.currency(), c.nationwideMonthlyCost()),
                    !compared ? "not compared" : s.matchShare() >= r.setup().target() ? "reaches" : "below"});
        }
        table(rows, out);
        out.println("* extrapolated: location bytes per cell x configured nationwide cells; price " + r.price());
        out.println();
        out.println(r.recommendation().text());
        out.println(r.stores().recrawl().text());
        var c = r.upstream().ceiling();
        out.printf(Locale.ROOT, "Upstream: %,d requests, mean %.1f/s, peak %d in a second and %d in flight (ceiling %d/s, %d): %s; %d failed%n",
                c.requests(), c.meanRate(), c.peakPerSecond(), c.peakInFlight(), c.requestsPerSecond(), c.maxConcurrent(),
                r.upstream().ceilingHeld() ? "held" : "EXCEEDED", r.upstream().failedRequests());
        out.printf(Locale.ROOT, "Finished in %.1f s (probing %.1f s, store diff %.1f s).%n", r.durationSeconds(),
                r.upstream().probeSeconds(), r.upstream().storeSeconds());
    }

    private static String share(Score score) {
        return score == null || score.comparisons() == 0 ? "-" : Formats.percent(score.matchShare());
    }

    /** Prints rows as an aligned table: the first row is the header; numbers right-aligned. */
    public static void table(List<String[]> rows, PrintStream out) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = rows.get(r)[i];
                boolean left = i == columns - 1;
                line.append(i == 0 ? "" : "  ");
                line.append(left ? String.format("%-" + width[i] + "s", cell) : String.format("%" + width[i] + "s", cell));
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                out.println(rule);
            }
        }
    }
}
