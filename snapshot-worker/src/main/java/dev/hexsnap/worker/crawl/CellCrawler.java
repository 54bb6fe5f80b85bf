package dev.hexsnap.worker.crawl;

import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec.EncodedEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.upstream.contract.LocationFacts;
import dev.hexsnap.worker.failure.PageFailure;
import dev.hexsnap.worker.generation.GenerationRun;
import dev.hexsnap.core.upstream.Fetched;
import dev.hexsnap.core.upstream.PageFetchException;
import dev.hexsnap.worker.upstream.PageTasks;
import dev.hexsnap.core.upstream.UpstreamPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Crawls one cell: its home page at the hotspot, then (concurrently) every channel page the
 * home page offers, as the generic account, each checked and compressed. A page that still
 * fails after the retries is a failure of the cell, not of the run; the pages that did come
 * back are stored all the same. Thread-safe: chunks process their cells concurrently.
 */
public final class CellCrawler implements ItemProcessor<CellItem, CellOutcome> {

    private static final Logger log = LoggerFactory.getLogger(CellCrawler.class);

    private final UpstreamPages upstream;
    private final SnapshotEntryCodec codec;
    private final GenerationRun run;
    private final ExecutorService pageThreads;
    private final Clock clock;

    public CellCrawler(UpstreamPages upstream, SnapshotEntryCodec codec, GenerationRun run, ExecutorService pageThreads,
                       Clock clock) {
        this.upstream = upstream;
        this.codec = codec;
        this.run = run;
        this.pageThreads = pageThreads;
        this.clock = clock;
    }

    @Override
    public CellOutcome process(CellItem cell) throws Exception {
        List<EncodedEntry> entries = new ArrayList<>();
        List<PageFailure> failures = new ArrayList<>();
        Map<String, StoreSighting> stores = new LinkedHashMap<>();
        Fetched<LocationFacts> home;
        try {
            home = upstream.home(cell.hotspot(), run.at());
        } catch (PageFetchException e) {
            failures.add(new PageFailure("home", e.getMessage(), e.attempts()));
            return new CellOutcome(cell, List.of(), failures, null, List.of(), Map.of(), 0, 0);
        }
        entries.add(encode(new SnapshotKey.Home(cell.resolution(), cell.cell()), cell, home.raw()));
        collectStores(home.page(), stores);
        List<String> channels = home.page().serviceable() ? home.page().channels() : List.of();

        List<Future<Object>> pending = new ArrayList<>(channels.size());
        for (String channel : channels) {
            pending.add(pageThreads.submit(() -> {
                try {
                    return upstream.channel(channel, cell.hotspot(), run.at());
                } catch (PageFetchException e) {
                    return new PageFailure("channel:" + channel, e.getMessage(), e.attempts());
                }
            }));
        }
        for (int i = 0; i < channels.size(); i++) {
            Object result = PageTasks.await(pending.get(i));
            if (result instanceof PageFailure failure) {
                failures.add(failure);
            } else {
                @SuppressWarnings("unchecked")
                Fetched<LocationFacts> page = (Fetched<LocationFacts>) result;
                entries.add(encode(new SnapshotKey.ChannelPage(channels.get(i), cell.resolution(), cell.cell()), cell, page.raw()));
                collectStores(page.page(), stores);
            }
        }
        long raw = 0;
        long stored = 0;
        for (EncodedEntry entry : entries) {
            raw += entry.metadata().rawLength();
            stored += entry.frame().length;
        }
        return new CellOutcome(cell, entries, failures, home.page().serviceable(), channels, stores, raw, stored);
    }

    private EncodedEntry encode(SnapshotKey key, CellItem cell, byte[] raw) {
        return codec.encode(key, run.generation(), run.slot(), clock.instant(), cell.cell(), cell.hotspot(), raw);
    }

    /** Counts each store once per page; ids no snapshot key could hold are left out (and logged). */
    private static void collectStores(LocationFacts page, Map<String, StoreSighting> stores) {
        for (LocationFacts.StoreShown store : page.stores()) {
            if (!SnapshotKey.ID.matcher(store.storeId()).matches()) {
                log.warn("leaving out store id '{}': not a valid store id", store.storeId());
                continue;
            }
            String cardStatus = store.status();
            stores.merge(store.storeId(), new StoreSighting(1, cardStatus), (a, b) -> a.plus(cardStatus));
        }
    }
}
