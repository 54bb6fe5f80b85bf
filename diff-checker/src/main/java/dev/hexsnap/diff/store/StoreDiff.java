package dev.hexsnap.diff.store;

import dev.hexsnap.core.snapshot.CorruptEntryException;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.diff.config.DiffSettings;
import dev.hexsnap.diff.probe.Progress;
import dev.hexsnap.core.upstream.PageFetchException;
import dev.hexsnap.core.upstream.UpstreamPages;
import dev.hexsnap.core.upstream.contract.CategoryFacts;
import dev.hexsnap.core.upstream.contract.PageRejectedException;
import dev.hexsnap.core.upstream.contract.ProductFacts;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The store diff: for each key store, the stored category tree against the live one, and the
 * first pages of products of every stored leaf category against the live pages.
 *
 * <p><b>Anomaly.</b> A store is an anomaly when its category tree differs from the live one
 * (a category added, removed, renamed or moved), when the generation holds no tree for it, or
 * when the overlap of its products (sku ids, pooled over the compared pages: Σ|A∩B| / Σ|A∪B|)
 * is below the product threshold. Closed stores (the worker skips them) and stores the
 * upstream does not answer for are listed but not counted.
 */
public final class StoreDiff {

    private final SnapshotStore store;
    private final UpstreamPages upstream;
    private final DiffSettings.Stores settings;

    public StoreDiff(SnapshotStore store, UpstreamPages upstream, DiffSettings.Stores settings) {
        this.store = store;
        this.upstream = upstream;
        this.settings = settings;
    }

    /** Compares the stores; records nothing (see {@link RecrawlRequests}). */
    public List<StoreResult> compare(String generation, List<KeyStore> stores, Instant at, PrintStream progress) {
        ConcurrentLinkedQueue<StoreResult> results = new ConcurrentLinkedQueue<>();
        try (Progress meter = new Progress("store diff", "stores", stores.size(), progress,
                () -> upstream.client().gate().observed().requests(), Duration.ofSeconds(2));
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (KeyStore key : stores) {
                executor.submit(() -> {
                    results.add(compareOne(generation, key, at));
                    meter.advance();
                });
            }
        }
        List<StoreResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparing((StoreResult r) -> !r.anomalous())
                .thenComparing(r -> !r.counted())
                .thenComparingDouble(StoreResult::productOverlap)
                .thenComparing(StoreResult::storeId));
        return ordered;
    }

    StoreResult compareOne(String generation, KeyStore key, Instant at) {
        String id = key.storeId();
        CategoryFacts live;
        try {
            live = upstream.categories(id, at).page();
        } catch (PageFetchException | InterruptedException e) {
            return new StoreResult(id, key.shownIn(), StoreResult.LIVE_FAILED, false, 0, 0, 0, 0, false, failure(e));
        }
        if ("closed".equals(live.status())) {
            return new StoreResult(id, key.shownIn(), StoreResult.CLOSED, false, 0, 0, 0, 0, false,
                    "closed: the worker does not back up closed stores");
        }
        Optional<CategoryFacts> stored = readCategories(generation, id);
        if (stored.isEmpty()) {
            return new StoreResult(id, key.shownIn(), StoreResult.COMPARED, false, 0, 0, 0, 0, true,
                    "the generation holds no category tree for this open store");
        }
        Set<String> storedNodes = nodes(stored.get());
        Set<String> liveNodes = nodes(live);
        boolean treeSame = storedNodes.equals(liveNodes);
        double treeOverlap = overlap(storedNodes, liveNodes);

        Set<String> liveLeaves = new HashSet<>();
        live.leaves().forEach(c -> liveLeaves.add(c.id()));
        long both = 0;
        long either = 0;
        int leaves = 0;
        int pages = 0;
        try {
            for (CategoryFacts.Category leaf : stored.get().leaves()) {
                if (!liveLeaves.contains(leaf.id())) {
                    continue; // gone live: the tree comparison already counts it
                }
                leaves++;
                int liveTotal = 1;
                int storedTotal = 1;
                for (int page = 1; page <= settings.productPages(); page++) {
                    if (page > 1 && page > liveTotal && page > storedTotal) {
                        break;
                    }
                    Optional<ProductFacts> storedPage = readProducts(generation, id, leaf.id(), page);
                    // Never ask for a page the live category does not have: that is an error, not a difference.
                    Optional<ProductFacts> livePage = page == 1 || page <= liveTotal
                            ? Optional.of(upstream.products(id, leaf.id(), page, at).page()) : Optional.empty();
                    if (page == 1) {
                        liveTotal = livePage.map(ProductFacts::totalPages).orElse(1);
                        storedTotal = storedPage.map(ProductFacts::totalPages).orElse(1);
                    }
                    Set<String> a = new HashSet<>(storedPage.map(ProductFacts::products).orElse(List.of()));
                    Set<String> b = new HashSet<>(livePage.map(ProductFacts::products).orElse(List.of()));
                    Set<String> union = new HashSet<>(a);
                    union.addAll(b);
                    a.retainAll(b);
                    both += a.size();
                    either += union.size();
                    pages++;
                }
            }
        } catch (PageFetchException | InterruptedException e) {
            return new StoreResult(id, key.shownIn(), StoreResult.LIVE_FAILED, treeSame, treeOverlap, leaves, pages, 0,
                    false, failure(e));
        }
        double productOverlap = either == 0 ? 1.0 : (double) both / either;
        List<String> reasons = new ArrayList<>();
        if (!treeSame) {
            Set<String> added = new HashSet<>(liveNodes);
            added.removeAll(storedNodes);
            Set<String> removed = new HashSet<>(storedNodes);
            removed.removeAll(liveNodes);
            reasons.add("category tree differs (" + added.size() + " live only, " + removed.size() + " stored only)");
        }
        if (productOverlap < settings.productThreshold()) {
            reasons.add(String.format(Locale.ROOT, "product overlap %.2f < %.2f", productOverlap, settings.productThreshold()));
        }
        return new StoreResult(id, key.shownIn(), StoreResult.COMPARED, treeSame, treeOverlap, leaves, pages,
                productOverlap, !reasons.isEmpty(), String.join("; ", reasons));
    }

    private Optional<CategoryFacts> readCategories(String generation, String storeId) {
        try {
            return store.read(generation, new SnapshotKey.StoreCategories(storeId))
                    .map(e -> upstream.contract().categories(e.decompress(), null));
        } catch (CorruptEntryException | PageRejectedException e) {
            return Optional.empty();
        }
    }

    private Optional<ProductFacts> readProducts(String generation, String storeId, String categoryId, int page) {
        try {
            return store.read(generation, new SnapshotKey.StoreProducts(storeId, categoryId, page))
                    .map(e -> upstream.contract().products(e.decompress(), null));
        } catch (CorruptEntryException | PageRejectedException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every category as {@code parent path / id = name}: equal sets mean identical trees. */
    static Set<String> nodes(CategoryFacts page) {
        return new HashSet<>(page.paths());
    }

    private static String failure(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return e.getMessage();
    }

    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / union.size();
    }
}
