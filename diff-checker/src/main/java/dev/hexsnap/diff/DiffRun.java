package dev.hexsnap.diff;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.diff.config.DiffSettings;
import dev.hexsnap.diff.config.SlotMoment;
import dev.hexsnap.diff.cost.CostModel;
import dev.hexsnap.diff.cost.Recommendation;
import dev.hexsnap.diff.cost.ResolutionCost;
import dev.hexsnap.diff.cost.Storage;
import dev.hexsnap.diff.cost.StorageMeter;
import dev.hexsnap.diff.history.PastRun;
import dev.hexsnap.diff.history.RunHistory;
import dev.hexsnap.diff.probe.HexagonProbe;
import dev.hexsnap.diff.probe.PageProbe;
import dev.hexsnap.diff.probe.SnapshotPages;
import dev.hexsnap.diff.probe.StoredCell;
import dev.hexsnap.diff.report.ConsoleSummary;
import dev.hexsnap.diff.report.DiffReport;
import dev.hexsnap.diff.report.HtmlReport;
import dev.hexsnap.diff.report.JsonReport;
import dev.hexsnap.diff.sample.CellSampler;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.sample.Sample;
import dev.hexsnap.diff.score.FidelityScores;
import dev.hexsnap.diff.score.Score;
import dev.hexsnap.diff.similarity.Similarity;
import dev.hexsnap.diff.store.CommandRecrawlLauncher;
import dev.hexsnap.diff.store.KeyStore;
import dev.hexsnap.diff.store.RecrawlLauncher;
import dev.hexsnap.diff.store.RecrawlRequests;
import dev.hexsnap.diff.store.Recrawler;
import dev.hexsnap.diff.store.StoreDiff;
import dev.hexsnap.diff.store.StoreDiffResult;
import dev.hexsnap.diff.store.StoreResult;
import dev.hexsnap.core.upstream.UpstreamClient;
import dev.hexsnap.core.upstream.UpstreamPages;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One diff run, start to finish: sample, read the snapshots, probe the live upstream at seven
 * points per cell, score, measure the cost, recommend, diff the key stores (re-crawl if needed),
 * write the reports and the history row.
 */
@Component
public class DiffRun {

    private static final Logger log = LoggerFactory.getLogger(DiffRun.class);
    private static final DateTimeFormatter DIR_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final DiffSettings settings;
    private final ObjectProvider<SnapshotStore> snapshots;
    private final ObjectProvider<UpstreamPages> upstreams;
    private final UpstreamContract contract;
    private final HexGrid grid;
    private final CityCatalog catalog;
    private final CellSampler sampler;
    private final RunHistory history;
    private final RecrawlRequests recrawlRequests;
    private final Clock clock;

    DiffRun(DiffSettings settings, ObjectProvider<SnapshotStore> snapshots, ObjectProvider<UpstreamPages> upstreams,
            UpstreamContract contract, HexGrid grid, CityCatalog catalog, CellSampler sampler, RunHistory history,
            RecrawlRequests recrawlRequests, Clock clock) {
        this.settings = settings;
        this.snapshots = snapshots;
        this.upstreams = upstreams;
        this.contract = contract;
        this.grid = grid;
        this.catalog = catalog;
        this.sampler = sampler;
        this.history = history;
        this.recrawlRequests = recrawlRequests;
        this.clock = clock;
    }

    /**
     * What a run produced.
     *
     * @param report the figures
     * @param html   the HTML report
     * @param json   the JSON report
     */
    public record Outcome(DiffReport report, Path html, Path json) {
    }

    /**
     * Runs the diff.
     *
     * @param out      where the summary goes
     * @param progress where progress lines go (null for none)
     * @throws IllegalStateException when there is nothing to compare (no grid, no published generation)
     */
    public Outcome run(PrintStream out, PrintStream progress) throws IOException {
        Instant started = clock.instant();
        DiffSettings.Sample sampleSettings = settings.sample();
        Slot slot = sampleSettings.slotValue();
        SnapshotStore store = snapshots.getObject();
        String generation = sampleSettings.generation().isEmpty()
                ? store.current(slot).orElseThrow(() -> new IllegalStateException("no generation of the " + slot.id()
                + " slot is published; run the snapshot-worker first ('./hexsnap worker') or name one with --generation"))
                : sampleSettings.generation();
        if (!sampleSettings.generation().isEmpty()) {
            GenerationInfo info = store.generation(generation).orElseThrow(() -> new IllegalStateException("generation '"
                    + generation + "' is not described in Redis (namespace " + store.redis().namespace() + ")"));
            if (info.slot() != slot) {
                // Comparing a night snapshot with day pages would measure the slot, not the snapshot.
                throw new IllegalStateException("generation '" + generation + "' holds the " + info.slot().id()
                        + " slot; add --slot " + info.slot().id());
            }
        }
        Instant at = sampleSettings.at().isEmpty()
                ? SlotMoment.resolve(started, slot, sampleSettings.zoneId(), sampleSettings.dayStartsAt(), sampleSettings.nightStartsAt())
                : Instant.parse(sampleSettings.at());
        Path outDir = Path.of(settings.report().out().isEmpty()
                ? "reports/diff-" + DIR_STAMP.format(started.atZone(sampleSettings.zoneId()))
                : settings.report().out());
        Files.createDirectories(outDir);

        long runId = history.start(new RunHistory.Start(started, slot.id(), sampleSettings.seed(), sampleSettings.cities(),
                sampleSettings.cellsPerCity(), settings.compare().threshold(), settings.compare().target()));
        try {
            Outcome outcome = compare(runId, started, store, generation, slot, at, outDir, out, progress);
            log.info("diff run {} complete: {}", runId, outcome.report().recommendation().text());
            return outcome;
        } catch (RuntimeException | IOException e) {
            log.error("diff run {} failed", runId, e);
            history.fail(runId, clock.instant(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
    }

    private Outcome compare(long runId, Instant started, SnapshotStore store, String generation, Slot slot, Instant at,
                            Path outDir, PrintStream out, PrintStream progress) throws IOException {
        DiffSettings.Sample sampleSettings = settings.sample();
        UpstreamPages upstream = upstreams.getObject();
        Sample sample = sampler.sample(catalog.core(sampleSettings.cities()), sampleSettings.cellsPerCity(), sampleSettings.seed());
        say(progress, String.format(Locale.ROOT, "diff #%d: generation %s (%s), grid %s, resolutions %s; %d cells in %d cities%s",
                runId, generation, slot.id(), sample.gridBuild(), sample.resolutions(), sample.cells().size(),
                sample.citiesSampled().size(), sample.citiesSkipped().isEmpty() ? ""
                        : " (" + sample.citiesSkipped().size() + " skipped, no hot cell: " + String.join(", ", sample.citiesSkipped()) + ")"));

        SnapshotPages pages = new SnapshotPages(store, contract);
        List<StoredCell> stored = new ArrayList<>(sample.cells().size());
        for (HotCell cell : sample.cells()) {
            stored.add(pages.read(generation, cell));
        }

        Similarity similarity = new Similarity(settings.compare().storeWeight());
        HexagonProbe probe = new HexagonProbe(upstream, grid, similarity, sampleSettings.vertexNudge());
        long probeStart = System.nanoTime();
        List<PageProbe> probes = probe.probe(stored, at, settings.report().progress() ? progress : null);
        double probeSeconds = (System.nanoTime() - probeStart) / 1e9;
        FidelityScores scores = FidelityScores.of(probes, settings.compare().threshold());
        long points = probes.stream().map(p -> p.cell().resolution() + ":" + p.cell().cell() + ":" + p.pointIndex()).distinct().count();
        say(progress, String.format(Locale.ROOT, "probed %,d points (%,d page comparisons) in %.1f s", points, probes.size(), probeSeconds));

        Storage storage = new StorageMeter(store).measure(generation);
        CostModel costModel = new CostModel(settings.cost());
        TreeSet<Integer> resolutions = new TreeSet<>(sample.resolutions());
        resolutions.addAll(storage.resolutions().keySet());
        List<ResolutionCost> costs = costModel.costs(storage, resolutions);
        Recommendation recommendation = Recommendation.choose(scores, costs, settings.compare().target(), costModel.currency());

        long storeStart = System.nanoTime();
        StoreDiffResult storeResult = storeDiff(runId, store, generation, upstream, stored, at, outDir, progress);
        double storeSeconds = (System.nanoTime() - storeStart) / 1e9;

        var observed = upstream.client().gate().observed();
        UpstreamClient.Stats failures = upstream.client().stats();
        List<PastRun> past = history.recent(slot.id(), runId, settings.report().historyRuns());
        Map<Integer, Integer> cellsPerResolution = new TreeMap<>();
        sample.cells().forEach(c -> cellsPerResolution.merge(c.resolution(), 1, Integer::sum));
        Map<Integer, Long> hotCells = new TreeMap<>();
        sample.totals().forEach(p -> hotCells.put(p.resolution(), p.hotCells()));
        Instant finished = clock.instant();
        DiffReport report = new DiffReport(runId, started, finished,
                new DiffReport.Setup(slot.id(), generation, sample.gridBuild(), at, sampleSettings.seed(), sampleSettings.cities(),
                        sampleSettings.cellsPerCity(), settings.compare().threshold(), settings.compare().target(),
                        settings.compare().storeWeight(), sampleSettings.vertexNudge(), settings.upstream().baseUrl()),
                definitions(costModel),
                new DiffReport.Sampling(sample.citiesSampled(), sample.citiesSkipped(), cellsPerResolution, hotCells, points,
                        probes.size(), pages.unreadable()),
                scores, storage, costModel.priceText(), costModel.currency(), costs, recommendation, storeResult,
                new DiffReport.UpstreamUse(observed, observed.held(), failures.failed(), failures.retries(), probeSeconds, storeSeconds),
                past);

        Path json = outDir.resolve("report.json");
        Path html = outDir.resolve("report.html");
        JsonReport.write(report, json);
        HtmlReport.write(report, grid, settings.report().worstCells(), html);
        history.complete(runId, finish(report, outDir));
        ConsoleSummary.print(report, out);
        out.println("Report: " + html.toAbsolutePath().normalize() + " (JSON: " + json.getFileName() + ")");
        return new Outcome(report, html, json);
    }

    private StoreDiffResult storeDiff(long runId, SnapshotStore store, String generation, UpstreamPages upstream,
                                      List<StoredCell> stored, Instant at, Path outDir, PrintStream progress) {
        DiffSettings.Stores s = settings.stores();
        if (!s.enabled()) {
            return StoreDiffResult.skipped("Store diff switched off (hexsnap.diff.stores.enabled=false).");
        }
        List<KeyStore> keyStores = KeyStore.mostShown(stored, s.keyStores());
        if (keyStores.isEmpty()) {
            return StoreDiffResult.skipped("No store diff: the sampled snapshots show no store.");
        }
        StoreDiff diff = new StoreDiff(store, upstream, s);
        List<StoreResult> results = diff.compare(generation, keyStores, at, settings.report().progress() ? progress : null);
        RecrawlLauncher launcher = s.recrawlCommand().isEmpty() ? RecrawlLauncher.NONE
                : new CommandRecrawlLauncher(s.recrawlCommand(), outDir.resolve("recrawl.log"));
        StoreDiffResult result = new Recrawler(recrawlRequests, launcher, s).decide(runId, results, clock.instant());
        say(progress, result.recrawl().text());
        return result;
    }

    private Map<String, String> definitions(CostModel costModel) {
        DiffSettings.Compare c = settings.compare();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("Seven points", "Each sampled cell is probed at its centre and at its true corners (H3's vertex functions: six, "
                + "five for a pentagon; not the extra distortion vertices of odd resolutions), each corner moved "
                + settings.sample().vertexNudge() + " of the way toward the centre so that it lies inside the cell.");
        d.put("Similarity of a page", String.format(Locale.ROOT,
                "For a live page and the page stored for the cell, both serviceable: %.2f × J(stores shown) + %.2f × J(products shown), "
                        + "where J(A, B) = |A ∩ B| / |A ∪ B| (Jaccard), stores shown = the store cards of every floor, products shown = "
                        + "the product cards (sku ids) of every floor. A component neither page has is dropped and the other takes its "
                        + "weight. Order is ignored. Neither serviceable: 1. Exactly one serviceable, or nothing stored where the live "
                        + "page is serviceable: 0. Banners and channel entries are reported per floor but not part of the similarity.",
                c.storeWeight(), 1 - c.storeWeight()));
        d.put("Matching point", String.format(Locale.ROOT, "A point's page matches when its similarity is at least %.2f. "
                + "Matching points = the share of point × page comparisons that match (home and every stored channel page); "
                + "mean similarity = their mean.", c.threshold()));
        d.put("Left out", "A live page that is serviceable but empty (a failing upstream) or that did not come (error after "
                + "retries) says nothing about the snapshot: it is counted apart and left out of the scores.");
        d.put("Recommendation", String.format(Locale.ROOT, "The cheapest resolution (cost per month on this grid) whose share of "
                + "matching points reaches the target of %.0f%%.", 100 * c.target()));
        d.put("Cost", "Bytes stored per resolution = the lengths of the generation's values in Redis (header and gzip body; "
                + "Redis's own per-key overhead is not included): the resolution's home and channel pages plus every store page "
                + "(shared). Priced at " + costModel.priceText() + " (GB = 1024³ bytes). The nationwide figure is an extrapolation.");
        DiffSettings.Stores s = settings.stores();
        d.put("Store anomaly", String.format(Locale.ROOT, "Among the %d stores shown in the most sampled cells: the stored category "
                        + "tree differs from the live one (a category added, removed, renamed or moved), no tree is stored for an open "
                        + "store, or the overlap of products (sku ids, pooled over the first %d page(s) of every leaf category) is "
                        + "below %.2f. Closed stores and stores the upstream did not answer for are not counted. When more than %.0f%% "
                        + "of the compared stores are anomalous, each gets a PENDING row in store_recrawl_request for the worker.",
                s.keyStores(), s.productPages(), s.productThreshold(), 100 * s.recrawlShare()));
        return d;
    }

    private RunHistory.Finish finish(DiffReport r, Path outDir) {
        List<RunHistory.ResolutionRow> rows = new ArrayList<>();
        for (ResolutionCost c : r.costs()) {
            Score s = r.fidelity().resolution(c.resolution());
            Score home = r.fidelity().kinds().getOrDefault(c.resolution(), Map.of()).get("home");
            rows.add(new RunHistory.ResolutionRow(c.resolution(), r.sampling().cells().getOrDefault(c.resolution(), 0),
                    s.comparisons(), s.matches(), s.matchShare(), s.meanSimilarity(),
                    home == null || home.comparisons() == 0 ? null : home.matchShare(), c.bytes(), c.monthlyCost(),
                    s.comparisons() > 0 && s.matchShare() >= r.setup().target()));
        }
        List<RunHistory.CityRow> cities = new ArrayList<>();
        r.fidelity().cities().forEach((res, map) -> map.forEach((city, s) ->
                cities.add(new RunHistory.CityRow(res, city, s.comparisons(), s.matchShare(), s.meanSimilarity()))));
        Score all = r.fidelity().overall();
        var c = r.upstream().ceiling();
        return new RunHistory.Finish(r.finishedAt(), r.setup().generation(), r.setup().gridBuild(), r.setup().comparedAt(),
                r.sampling().citiesSampled().size(), r.sampling().cells().values().stream().mapToInt(Integer::intValue).sum(),
                (int) r.sampling().points(), all.comparisons(), all.excluded(), all.matchShare(), all.meanSimilarity(),
                r.recommendation().resolution(), r.recommendation().text(), r.stores().compared(), r.stores().anomalous(),
                r.stores().recrawl().triggered(), c.requests(), c.peakPerSecond(),
                r.finishedAt().toEpochMilli() - r.startedAt().toEpochMilli(), outDir.toAbsolutePath().normalize().toString(),
                rows, cities);
    }

    private static void say(PrintStream progress, String line) {
        if (progress != null) {
            progress.println(line);
        }
    }
}
