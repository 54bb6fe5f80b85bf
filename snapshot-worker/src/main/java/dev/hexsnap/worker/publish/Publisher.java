package dev.hexsnap.worker.publish;

import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.worker.alert.Alerts;
import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.generation.GenerationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last step of a run (and of a re-run of failures): verify that Redis holds what was
 * written, measure coverage, and publish the generation by switching the slot's pointer
 * atomically only when both the cells and the open stores reach the threshold. Otherwise the
 * generation is refused, the previous one keeps serving, and an alert fires. Just before the
 * switch it records the grid's request counts of the generation's cells per resolution
 * ({@link SnapshotStore#writeHeat}), from which the APIs warm their caches. After a
 * publication, retention deletes what the slot no longer needs.
 */
public final class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final SnapshotStore store;
    private final GenerationLedger ledger;
    private final Coverage coverage;
    private final EntryVerifier verifier;
    private final Retention retention;
    private final Alerts alerts;
    private final double threshold;
    private final boolean verify;
    private final double failureShare;
    private final Clock clock;

    public Publisher(SnapshotStore store, GenerationLedger ledger, Coverage coverage, EntryVerifier verifier, Retention retention,
                     Alerts alerts, double threshold, boolean verify, double failureShare, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.coverage = coverage;
        this.verifier = verifier;
        this.retention = retention;
        this.alerts = alerts;
        this.threshold = threshold;
        this.verify = verify;
        this.failureShare = failureShare;
        this.clock = clock;
    }

    /** Evaluates and publishes or refuses; returns the verdict (also recorded in the ledger). */
    public GenerationLedger.Verdict evaluate(String generation) {
        GenerationLedger.Entry entry = ledger.find(generation)
                .orElseThrow(() -> new IllegalStateException("generation " + generation + " is not in worker_generation"));
        GenerationRun run = entry.toRun();
        if (verify) {
            verifier.verify(run);
        }
        Coverage.Figures figures = coverage.measure(run);
        Instant now = clock.instant();
        Optional<String> current = store.current(run.slot());
        boolean covered = figures.cellCoverage() >= threshold && figures.storeCoverage() >= threshold;
        String coverageLine = String.format("cells %.2f%% (%d/%d), stores %.2f%% (%d/%d), threshold %.2f%%",
                figures.cellCoverage() * 100, figures.cellsComplete(), figures.cellsTotal(),
                figures.storeCoverage() * 100, figures.storesComplete(), figures.storesTotal(), threshold * 100);

        String state;
        String reason;
        Instant publishedAt = entry.publishedAt();
        if (!covered) {
            state = GenerationLedger.REFUSED;
            reason = "coverage under threshold: " + coverageLine + "; " + current.map(c -> c + " keeps serving").orElse("nothing published yet for " + run.slot().id());
        } else if (current.filter(generation::equals).isPresent()) {
            state = GenerationLedger.PUBLISHED;
            reason = "already current; " + coverageLine;
        } else if (current.flatMap(store::generation).filter(c -> c.createdAt().isAfter(entry.createdAt())).isPresent()) {
            state = GenerationLedger.REFUSED;
            reason = "a newer generation (" + current.get() + ") is current; " + coverageLine;
        } else {
            state = GenerationLedger.PUBLISHED;
            reason = "published: " + coverageLine;
            publishedAt = now;
        }

        GenerationInfo info = new GenerationInfo(generation, run.slot(),
                state.equals(GenerationLedger.PUBLISHED) && current.filter(generation::equals).isEmpty()
                        ? GenerationInfo.WRITING : state.toLowerCase(java.util.Locale.ROOT),
                entry.createdAt(), publishedAt, run.resolutionList(), figures.pages(), figures.storedBytes());
        store.describe(info);
        if (state.equals(GenerationLedger.PUBLISHED) && current.filter(generation::equals).isEmpty()) {
            // Before the switch, so that an API seeing the new pointer finds the counts to warm its cache with.
            for (int resolution : run.resolutions()) {
                store.writeHeat(generation, resolution, coverage.requestHeat(run, resolution));
            }
            Optional<String> replaced = store.publish(run.slot(), generation, now);
            replaced.ifPresent(old -> ledger.setState(old, GenerationLedger.RETIRED));
            log.info("published {} for the {} slot{}", generation, run.slot().id(), replaced.map(o -> " (replacing " + o + ")").orElse(""));
        }

        GenerationLedger.Verdict verdict = new GenerationLedger.Verdict(state, figures.cellsTotal(), figures.cellsComplete(),
                figures.storesTotal(), figures.storesComplete(), figures.storesClosed(), figures.pages(), figures.rawBytes(),
                figures.storedBytes(), figures.failures(), figures.cellCoverage(), figures.storeCoverage(), reason);
        ledger.recordVerdict(generation, verdict);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slot", run.slot().id());
        details.put("cellCoverage", figures.cellCoverage());
        details.put("storeCoverage", figures.storeCoverage());
        details.put("threshold", threshold);
        details.put("failures", figures.failures());
        details.put("current", current.orElse(null));
        if (state.equals(GenerationLedger.REFUSED)) {
            alerts.raise(Alerts.Kind.PUBLISH_REFUSED, generation, "not published: " + reason, details);
        }
        int targets = figures.cellsTotal() + figures.storesTotal();
        int failed = (figures.cellsTotal() - figures.cellsComplete()) + (figures.storesTotal() - figures.storesComplete());
        if (targets > 0 && (double) failed / targets > failureShare) {
            alerts.raise(Alerts.Kind.FAILURES, generation, failed + " of " + targets + " cells and stores failed after retries", details);
        }
        if (state.equals(GenerationLedger.PUBLISHED)) {
            retention.apply(run.slot());
        }
        return verdict;
    }
}
