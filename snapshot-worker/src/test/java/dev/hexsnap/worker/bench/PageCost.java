package dev.hexsnap.worker.bench;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.upstream.contract.UpstreamContract;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The worker's CPU per page, by page kind and by step (reading the page whole, or extracting its
 * facts through the hexsnap-v1 contract, SHA-256, gzip -6, the whole entry encoding), measured on real pages of the demo
 * upstream in this thread's CPU time: the other engineers' load on the machine delays the
 * measurement but does not count in it. Each figure is the best of five rounds of at least
 * 0.3 s of CPU each, after a warm-up.
 */
final class PageCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The cost of each step for one kind, in milliseconds of CPU per page. */
    record Row(PageKind kind, int pages, double meanKb, double full, double contract, double sha, double gzip, double encode) {
    }

    private PageCost() {
    }

    /** Fetches up to {@code perKind} pages of each kind among {@code urls} (a worker run's pages). */
    static Map<PageKind, List<byte[]>> sample(List<String> urls, int perKind) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<PageKind, List<byte[]>> pages = new EnumMap<>(PageKind.class);
        for (String url : urls) {
            PageKind kind = kindOf(url);
            List<byte[]> of = pages.computeIfAbsent(kind, k -> new ArrayList<>());
            if (of.size() < perKind) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    of.add(r.body());
                }
            }
        }
        return pages;
    }

    static PageKind kindOf(String url) {
        if (url.contains("/v1/pages/home")) {
            return PageKind.HOME;
        }
        if (url.contains("/v1/pages/channel/")) {
            return PageKind.CHANNEL;
        }
        return url.contains("/products") ? PageKind.STORE_PRODUCTS : PageKind.STORE_CATEGORIES;
    }

    static List<Row> measure(Map<PageKind, List<byte[]>> sample) throws Exception {
        PageInspector inspector = new PageInspector();
        GzipCodec gzip = new GzipCodec(6);
        SnapshotEntryCodec codec = new SnapshotEntryCodec(gzip);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<PageKind, List<byte[]>> e : sample.entrySet()) {
            PageKind kind = e.getKey();
            List<byte[]> pages = e.getValue();
            if (pages.isEmpty()) {
                continue;
            }
            SnapshotKey key = keyOf(kind);
            Consumer<byte[]> full = switch (kind) {
                case HOME, CHANNEL -> inspector::locationPage;
                case STORE_CATEGORIES -> inspector::categories;
                case STORE_PRODUCTS -> inspector::products;
            };
            UpstreamContract v1 = UpstreamContract.load(UpstreamContract.DEFAULT);
            Consumer<byte[]> contract = switch (kind) {
                case HOME, CHANNEL -> raw -> v1.location(kind, raw, null);
                case STORE_CATEGORIES -> raw -> v1.categories(raw, null);
                case STORE_PRODUCTS -> raw -> v1.products(raw, null);
            };
            double[] wholeVsContract = perPageAlternating(pages, full, contract);
            long sourceCell = kind.isLocationPage() ? 0x8831aa5031fffffL : 0;
            LatLng hotspot = kind.isLocationPage() ? new LatLng(31.2304, 121.4737) : null;
            double bytes = pages.stream().mapToInt(p -> p.length).average().orElse(0);
            rows.add(new Row(kind, pages.size(), bytes / 1024,
                    wholeVsContract[0],
                    wholeVsContract[1],
                    perPage(pages, PageCost::sha256),
                    perPage(pages, gzip::compress),
                    perPage(pages, raw -> codec.encode(key, "20261123-day", Slot.DAY, Instant.EPOCH, sourceCell, hotspot, raw))));
        }
        return rows;
    }

    static void print(List<Row> rows) {
        System.out.println("  CPU per page (ms, this thread's CPU time, best of 5 rounds, warm):");
        System.out.printf(Locale.ROOT, "    %-17s %6s %9s %12s %9s %8s %8s %14s%n", "kind", "pages", "mean KB",
                "read whole", "contract", "sha-256", "gzip-6", "encode entry");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "    %-17s %6d %9.1f %12.3f %9.3f %8.3f %8.3f %14.3f%n", r.kind().id(), r.pages(),
                    r.meanKb(), r.full(), r.contract(), r.sha(), r.gzip(), r.encode());
        }
        System.out.println("    (read whole: data binding into the page model; contract: the facts the worker checks, through hexsnap-v1)");
    }

    private static SnapshotKey keyOf(PageKind kind) {
        return switch (kind) {
            case HOME -> new SnapshotKey.Home(8, 0x8831aa5031fffffL);
            case CHANNEL -> new SnapshotKey.ChannelPage(dev.hexsnap.core.page.Channel.FRESH, 8, 0x8831aa5031fffffL);
            case STORE_CATEGORIES -> new SnapshotKey.StoreCategories("s1");
            case STORE_PRODUCTS -> new SnapshotKey.StoreProducts("s1", "c1", 1);
        };
    }

    private static void sha256(byte[] raw) {
        try {
            MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #perPage} of two steps, their rounds alternating so that both see the same machine. */
    private static double[] perPageAlternating(List<byte[]> pages, Consumer<byte[]> first, Consumer<byte[]> second) {
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < 5; round++) {
            best[0] = Math.min(best[0], perPage(pages, first, round == 0, 1));
            best[1] = Math.min(best[1], perPage(pages, second, round == 0, 1));
        }
        return best;
    }

    private static double perPage(List<byte[]> pages, Consumer<byte[]> step) {
        return perPage(pages, step, true, 5);
    }

    /** Milliseconds of this thread's CPU per page: the best of {@code rounds} rounds, each over the sample until 0.3 s of CPU. */
    private static double perPage(List<byte[]> pages, Consumer<byte[]> step, boolean warmUp, int rounds) {
        if (warmUp) {
            for (byte[] page : pages) {
                for (int i = 0; i < 20; i++) {
                    step.accept(page); // warm-up: let the JIT compile the step
                }
            }
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long started = THREADS.getCurrentThreadCpuTime();
            long done = 0;
            long spent;
            do {
                for (byte[] page : pages) {
                    step.accept(page);
                }
                done += pages.size();
                spent = THREADS.getCurrentThreadCpuTime() - started;
            } while (spent < 300_000_000L);
            best = Math.min(best, spent / 1e6 / done);
        }
        return best;
    }
}
