package dev.hexsnap.worker.store;

import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec.EncodedEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.upstream.contract.CategoryFacts;
import dev.hexsnap.core.upstream.contract.ProductFacts;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Crawls one store: its category tree, then (concurrently per leaf category) the first pages
 * of products of every leaf. A store that is not open is skipped: nothing of it is stored.
 * Thread-safe.
 */
public final class StoreCrawler implements ItemProcessor<StoreItem, StoreOutcome> {

    private static final Logger log = LoggerFactory.getLogger(StoreCrawler.class);

    private final UpstreamPages upstream;
    private final SnapshotEntryCodec codec;
    private final GenerationRun run;
    private final int pagesPerCategory;
    private final ExecutorService pageThreads;
    private final Clock clock;

    public StoreCrawler(UpstreamPages upstream, SnapshotEntryCodec codec, GenerationRun run, int pagesPerCategory,
                        ExecutorService pageThreads, Clock clock) {
        this.upstream = upstream;
        this.codec = codec;
        this.run = run;
        this.pagesPerCategory = pagesPerCategory;
        this.pageThreads = pageThreads;
        this.clock = clock;
    }

    private record Leaf(String categoryId, List<EncodedEntry> entries, PageFailure failure) {
    }

    @Override
    public StoreOutcome process(StoreItem store) throws Exception {
        Fetched<CategoryFacts> tree;
        try {
            tree = upstream.categories(store.storeId(), run.at());
        } catch (PageFetchException e) {
            return new StoreOutcome(store, StoreRegistry.FAILED, List.of(),
                    List.of(new PageFailure("categories", e.getMessage(), e.attempts())), null, 0, 0);
        }
        if (!tree.page().open()) {
            return new StoreOutcome(store, StoreRegistry.CLOSED, List.of(), List.of(), null, 0, 0);
        }
        List<EncodedEntry> entries = new ArrayList<>();
        List<PageFailure> failures = new ArrayList<>();
        entries.add(encode(new SnapshotKey.StoreCategories(store.storeId()), tree.raw()));

        List<Future<Leaf>> pending = new ArrayList<>();
        for (CategoryFacts.Category leaf : tree.page().leaves()) {
            if (leaf.id() == null || !SnapshotKey.ID.matcher(leaf.id()).matches()) {
                log.warn("store {}: leaving out category id '{}': not a valid category id", store.storeId(), leaf.id());
                continue;
            }
            if (leaf.productCount() == 0) {
                continue; // nothing to back up, and an empty products page would be taken for a failure (-1: not said, crawled)
            }
            pending.add(pageThreads.submit(() -> crawlLeaf(store.storeId(), leaf.id())));
        }
        StringBuilder leafPages = new StringBuilder();
        for (Future<Leaf> future : pending) {
            Leaf leaf = PageTasks.await(future);
            entries.addAll(leaf.entries());
            if (leaf.failure() != null) {
                failures.add(leaf.failure());
            }
            if (!leaf.entries().isEmpty()) {
                leafPages.append(leafPages.isEmpty() ? "" : ",").append(leaf.categoryId()).append(':').append(leaf.entries().size());
            }
        }
        long raw = 0;
        long stored = 0;
        for (EncodedEntry entry : entries) {
            raw += entry.metadata().rawLength();
            stored += entry.frame().length;
        }
        return new StoreOutcome(store, failures.isEmpty() ? StoreRegistry.COMPLETE : StoreRegistry.FAILED, entries, failures,
                leafPages.isEmpty() ? null : leafPages.toString(), raw, stored);
    }

    private Leaf crawlLeaf(String storeId, String categoryId) throws InterruptedException {
        List<EncodedEntry> entries = new ArrayList<>();
        int last = pagesPerCategory;
        for (int page = 1; page <= last; page++) {
            Fetched<ProductFacts> products;
            try {
                products = upstream.products(storeId, categoryId, page, run.at());
            } catch (PageFetchException e) {
                return new Leaf(categoryId, entries, new PageFailure("products:" + categoryId + ":" + page, e.getMessage(), e.attempts()));
            }
            entries.add(encode(new SnapshotKey.StoreProducts(storeId, categoryId, page), products.raw()));
            last = Math.min(pagesPerCategory, products.page().totalPages());
        }
        return new Leaf(categoryId, entries, null);
    }

    private EncodedEntry encode(SnapshotKey key, byte[] raw) {
        return codec.encode(key, run.generation(), run.slot(), clock.instant(), 0, null, raw);
    }
}
