package dev.hexsnap.upstream.contract;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.upstream.pages.PageBuilder;
import dev.hexsnap.upstream.pages.PageJson;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.Moment;
import dev.hexsnap.upstream.world.Store;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldSpec;
import dev.hexsnap.upstream.world.WorldTime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * CPU per page of reading what the stages need from a page, by kind, on the demo world's pages at
 * their realistic sizes (home ~600 KB, channel ~400 KB): the contract's one streaming pass against
 * data binding into the page model, rounds alternating, in this thread's CPU time (other processes'
 * load delays the run, it does not count in it). Run by {@code bench/contract-extraction}.
 */
public final class ExtractionBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 7;

    private ExtractionBench() {
    }

    public static void main(String[] args) {
        World world = World.generate(new WorldSpec(42, CityCatalog.bundled().core(1), 1.0));
        PageBuilder pages = new PageBuilder(world, GisGrid.standard(), 600_000, 400_000);
        PageJson json = new PageJson();
        Instant at = Instant.parse("2026-11-23T04:00:00Z");
        Moment moment = WorldTime.DEFAULT.at(at);
        City city = CityCatalog.bundled().core(1).getFirst();
        Random random = new Random(3);
        Map<PageKind, List<byte[]>> sample = new EnumMap<>(PageKind.class);
        List<Store> stores = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            LatLng p = new LatLng(city.centre().lat() + (random.nextDouble() - 0.5) * 0.1, city.centre().lng() + (random.nextDouble() - 0.5) * 0.1);
            LocationPage home = pages.home(p.lat(), p.lng(), "generic", moment);
            sample.computeIfAbsent(PageKind.HOME, k -> new ArrayList<>()).add(json.write(home));
            Channel channel = home.channelEntries().getFirst();
            sample.computeIfAbsent(PageKind.CHANNEL, k -> new ArrayList<>()).add(json.write(pages.channel(channel, p.lat(), p.lng(), "generic", moment)));
            home.storeIds().stream().skip(i).limit(1).forEach(id -> stores.add(world.store(id).orElseThrow()));
        }
        for (Store store : stores) {
            StoreCategoriesPage tree = pages.categories(store.id(), moment).orElseThrow();
            sample.computeIfAbsent(PageKind.STORE_CATEGORIES, k -> new ArrayList<>()).add(json.write(tree));
            for (StoreCategoriesPage.Category leaf : tree.leaves().stream().limit(3).toList()) {
                pages.products(store, leaf.categoryId(), 1, 20, moment).ifPresent(p ->
                        sample.computeIfAbsent(PageKind.STORE_PRODUCTS, k -> new ArrayList<>()).add(json.write(p)));
            }
        }

        PageInspector inspector = new PageInspector();
        UpstreamContract v1 = UpstreamContract.load(UpstreamContract.DEFAULT);
        System.out.printf(Locale.ROOT, "contract-extraction (%s, %d cores, load %.1f): ms of CPU per page, best of %d alternating rounds [slowest]%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), ROUNDS);
        System.out.printf(Locale.ROOT, "  %-17s %5s %8s %20s %20s %8s%n", "kind", "pages", "mean KB", "read whole",
                "hexsnap-v1 contract", "ratio");
        for (Map.Entry<PageKind, List<byte[]>> e : sample.entrySet()) {
            PageKind kind = e.getKey();
            Map<String, Consumer<byte[]>> steps = new LinkedHashMap<>();
            switch (kind) {
                case HOME, CHANNEL -> {
                    steps.put("whole", inspector::locationPage);
                    steps.put("contract", raw -> v1.location(kind, raw, null));
                }
                case STORE_CATEGORIES -> {
                    steps.put("whole", inspector::categories);
                    steps.put("contract", raw -> v1.categories(raw, null));
                }
                case STORE_PRODUCTS -> {
                    steps.put("whole", inspector::products);
                    steps.put("contract", raw -> v1.products(raw, null));
                }
            }
            Map<String, double[]> spread = measure(e.getValue(), steps);
            double kb = e.getValue().stream().mapToInt(p -> p.length).average().orElse(0) / 1024;
            System.out.printf(Locale.ROOT, "  %-17s %5d %8.1f %20s %20s %7.2fx%n", kind.id(), e.getValue().size(), kb,
                    text(spread.get("whole")), text(spread.get("contract")), spread.get("contract")[0] / spread.get("whole")[0]);
        }
        System.out.println("  read whole: data binding into the page model; contract: the facts the stages use, one streaming pass;"
                + " ratio = contract / read whole (best rounds)");
    }

    private static String text(double[] bestWorst) {
        return String.format(Locale.ROOT, "%.3f [%.3f]", bestWorst[0], bestWorst[1]);
    }

    /** Per step, the best and the slowest round; the steps' rounds alternate so that all see the same machine. */
    private static Map<String, double[]> measure(List<byte[]> pages, Map<String, Consumer<byte[]>> steps) {
        Map<String, double[]> result = new LinkedHashMap<>();
        steps.forEach((name, step) -> {
            for (int i = 0; i < 30; i++) {
                pages.forEach(step); // warm-up: let the JIT compile the step
            }
            result.put(name, new double[]{Double.MAX_VALUE, 0});
        });
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Consumer<byte[]>> step : steps.entrySet()) {
                long started = THREADS.getCurrentThreadCpuTime();
                long done = 0;
                long spent;
                do {
                    pages.forEach(step.getValue());
                    done += pages.size();
                    spent = THREADS.getCurrentThreadCpuTime() - started;
                } while (spent < 200_000_000L);
                double perPage = spent / 1e6 / done;
                double[] r = result.get(step.getKey());
                r[0] = Math.min(r[0], perPage);
                r[1] = Math.max(r[1], perPage);
            }
        }
        return result;
    }
}
