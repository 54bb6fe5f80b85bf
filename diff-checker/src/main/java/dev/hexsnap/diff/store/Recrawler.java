package dev.hexsnap.diff.store;

import dev.hexsnap.diff.config.DiffSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides on a re-crawl: when the share of anomalous stores among those compared passes the
 * configured share (strictly above), every anomalous store gets a re-crawl request, and the
 * configured launcher is started.
 */
public final class Recrawler {

    private final RecrawlRequests requests;
    private final RecrawlLauncher launcher;
    private final DiffSettings.Stores settings;

    public Recrawler(RecrawlRequests requests, RecrawlLauncher launcher, DiffSettings.Stores settings) {
        this.requests = requests;
        this.launcher = launcher;
        this.settings = settings;
    }

    public StoreDiffResult decide(long diffRunId, List<StoreResult> stores, Instant now) {
        int compared = 0;
        List<StoreResult> anomalies = new ArrayList<>();
        for (StoreResult store : stores) {
            if (store.counted()) {
                compared++;
                if (store.anomalous()) {
                    anomalies.add(store);
                }
            }
        }
        double share = compared == 0 ? 0 : (double) anomalies.size() / compared;
        StoreDiffResult.Recrawl recrawl;
        if (compared == 0) {
            recrawl = new StoreDiffResult.Recrawl(false, 0, 0, "", "No store could be compared; no re-crawl requested.");
        } else if (share > settings.recrawlShare()) {
            List<RecrawlRequests.Request> wanted = anomalies.stream()
                    .map(s -> new RecrawlRequests.Request(s.storeId(), s.reason())).toList();
            List<String> requested = requests.request(diffRunId, wanted, now);
            String launched = requested.isEmpty() ? "" : launcher.launch(diffRunId, requested);
            int pending = wanted.size() - requested.size();
            recrawl = new StoreDiffResult.Recrawl(true, requested.size(), pending, launched, String.format(Locale.ROOT,
                    "Re-crawl TRIGGERED: %d of %d stores (%.1f%%) are anomalous, above %.0f%%; %d re-crawl request(s) recorded in store_recrawl_request%s%s.",
                    anomalies.size(), compared, 100 * share, 100 * settings.recrawlShare(), requested.size(),
                    pending > 0 ? " (" + pending + " already pending)" : "",
                    launched.isEmpty() ? " for the worker to pick up" : "; " + launched));
        } else {
            recrawl = new StoreDiffResult.Recrawl(false, 0, 0, "", String.format(Locale.ROOT,
                    "No re-crawl: %d of %d stores (%.1f%%) are anomalous, not above %.0f%%.",
                    anomalies.size(), compared, 100 * share, 100 * settings.recrawlShare()));
        }
        return new StoreDiffResult(List.copyOf(stores), compared, anomalies.size(), share, settings.productThreshold(),
                settings.recrawlShare(), recrawl);
    }
}
