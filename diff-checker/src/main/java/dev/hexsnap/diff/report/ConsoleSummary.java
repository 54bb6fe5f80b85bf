package dev.hexsnap.diff.report;

import dev.hexsnap.diff.cost.ResolutionCost;
import dev.hexsnap.diff.score.FidelityEstimates;
import dev.hexsnap.diff.score.Score;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        rows.add(new String[]{"res", "cells", "comparisons", "users matching", "95% CI", "points matching", "95% CI",
                "mean sim", "stored", "cost/month", "nationwide*/month", "target (users)"});
        for (ResolutionCost c : r.costs()) {
            Score s = r.fidelity().resolution(c.resolution());
            FidelityEstimates.Shares e = r.estimates().resolution(c.resolution());
            boolean compared = s.comparisons() > 0;
            rows.add(new String[]{
                    Integer.toString(c.resolution()),
                    Integer.toString(r.sampling().cells().getOrDefault(c.resolution(), 0)),
                    Formats.count(s.comparisons()),
                    Formats.share(e.users()),
                    Formats.interval(e.users()),
                    compared ? Formats.percent(s.matchShare()) : "-",
                    Formats.interval(e.points()),
                    compared ? Formats.decimal(s.meanSimilarity()) : "-",
                    Formats.bytes(c.bytes()),
                    Formats.money(r.currency(), c.monthlyCost()),
                    c.nationwideCells() == 0 ? "-" : Formats.money(r.currency(), c.nationwideMonthlyCost()),
                    !e.users().known() ? "not compared" : r.estimates().meets(c.resolution(), r.setup().target()) ? "reaches" : "below"});
        }
        table(rows, out);
        out.println("* extrapolated: location bytes per cell x configured nationwide cells; price " + r.price());
        out.println("users = sampled cells weighted by their requests (the target's measure); points = every cell alike");
        out.println(planning(r));
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

    /** How many cells per city would make the users' interval ± the margin, per resolution. */
    static String planning(DiffReport r) {
        List<String> parts = new ArrayList<>();
        r.estimates().resolutions().forEach((res, e) -> parts.add(e.users().cellsPerCityForMargin() == null
                ? "unknown at resolution " + res
                : Formats.count(e.users().cellsPerCityForMargin()) + " at resolution " + res));
        return String.format(Locale.ROOT, "Cells per city for a users' interval of ± %.0f points: %s (this run: %d).",
                100 * r.estimates().margin(), parts.isEmpty() ? "-" : String.join(", ", parts), r.setup().cellsPerCity());
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
