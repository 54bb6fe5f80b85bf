package dev.hexsnap.core.upstream;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.upstream.contract.CategoryFacts;
import dev.hexsnap.core.upstream.contract.LocationFacts;
import dev.hexsnap.core.upstream.contract.UpstreamContract;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code ./hexsnap upstream check}: one page of each kind asked through a contract, what it
 * extracted and each rule's verdict, for whoever is writing a contract for their services. The
 * requests pass the stages' own stack ({@link UpstreamClient}), gently (2 per second, one try
 * each: a failure is shown as it is, not retried away).
 */
public final class ContractCheck {

    private final UpstreamPages pages;
    private final PrintStream out;
    private int failures;

    /**
     * @param contract the contract under check (already read: a refused one never gets here)
     * @param baseUrl  the services' root URL
     */
    public ContractCheck(UpstreamContract contract, URI baseUrl, UpstreamSettings settings, PrintStream out) {
        HttpClient http = UpstreamClient.httpClient(Duration.ofSeconds(5));
        UpstreamClient client = new UpstreamClient(http, new RequestCeiling(2, 1),
                new CircuitBreaker(10, 10, 1.0, Duration.ofSeconds(1), Duration.ofMinutes(1)), Duration.ofSeconds(15),
                new UpstreamClient.Retry(1, Duration.ZERO, 1, Duration.ZERO), contract::carriesPage, contract.maxPageBytes(), false);
        this.pages = new UpstreamPages(contract, client, baseUrl, settings, true);
        this.out = out;
    }

    /**
     * Checks the four page kinds at {@code point}: the home page, the first channel it offers, the
     * categories of {@code storeId} (or of the first open store the home page shows) and the first
     * products page of its first leaf.
     *
     * @return 0 when every page passed every rule, 1 otherwise
     */
    public int run(LatLng point, String storeId, Instant at) throws InterruptedException {
        UpstreamContract contract = pages.contract();
        out.println("contract " + contract.name() + " (" + contract.source() + "): supports-moment " + contract.supportsMoment()
                + ", channels " + contract.channels() + ", max-page-bytes " + contract.maxPageBytes());
        LocationFacts home = check("home at " + point, () -> pages.home(point, at));
        String channel = null;
        String store = storeId;
        if (home != null) {
            describe(home);
            out.println("    channels offered: " + (home.channels().isEmpty() ? "none" : String.join(", ", home.channels())));
            channel = home.channels().isEmpty() ? null : home.channels().getFirst();
            if (store == null) {
                store = home.stores().stream().filter(s -> "open".equals(s.status())).map(LocationFacts.StoreShown::storeId)
                        .findFirst().orElse(home.stores().isEmpty() ? null : home.stores().getFirst().storeId());
            }
        }
        if (channel == null && !contract.channels().isEmpty()) {
            channel = contract.channels().getFirst();
        }
        if (channel != null) {
            String id = channel;
            LocationFacts page = check("channel " + id + " at " + point, () -> pages.channel(id, point, at));
            if (page != null) {
                describe(page);
            }
        }
        if (store == null) {
            failed("store pages", "no store to ask for: the home page shows none; pass --store ID");
            return verdict();
        }
        String storeToAsk = store;
        CategoryFacts tree = check("store-categories of " + store, () -> pages.categories(storeToAsk, at));
        if (tree != null) {
            List<CategoryFacts.Category> leaves = tree.leaves();
            out.println("    status " + tree.status() + ", " + tree.categories().size() + " categories, " + leaves.size() + " leaves: "
                    + leaves.stream().limit(5).map(l -> l.id() + (l.productCount() >= 0 ? " (" + l.productCount() + ")" : ""))
                    .collect(Collectors.joining(", ")) + (leaves.size() > 5 ? ", ..." : ""));
            CategoryFacts.Category leaf = leaves.stream().filter(l -> l.productCount() != 0 && l.id() != null).findFirst().orElse(null);
            if (!tree.open()) {
                out.println("    (not open: the worker would skip its products; pass --store ID of an open store to check them)");
            } else if (leaf == null) {
                failed("store-products", "no leaf with products to ask for");
            } else {
                var products = check("store-products of " + store + "/" + leaf.id() + " page 1",
                        () -> pages.products(storeToAsk, leaf.id(), 1, at));
                if (products != null) {
                    out.println("    " + products.products().size() + " products, " + products.totalPages() + " pages in the category");
                }
            }
        }
        return verdict();
    }

    private int verdict() {
        out.println(failures == 0 ? "every page passed every rule" : failures + " page(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private void describe(LocationFacts page) {
        Map<String, Integer> statuses = new TreeMap<>();
        page.stores().forEach(s -> statuses.merge(s.status() == null ? "no status" : s.status(), 1, Integer::sum));
        out.println("    serviceable " + page.serviceable() + ", " + page.cardStoreIds().size() + " store cards " + statuses + ", "
                + page.storeIds().size() + " stores shown, " + page.products().size() + " products"
                + (page.floors().isEmpty() ? "" : ", " + page.floors().size() + " floors"));
    }

    @FunctionalInterface
    private interface Ask<T> {
        Fetched<T> get() throws PageFetchException, InterruptedException;
    }

    private <T> T check(String what, Ask<T> ask) throws InterruptedException {
        try {
            T page = ask.get().page();
            out.println("ok      " + what);
            return page;
        } catch (PageFetchException e) {
            failed(what, e.getMessage());
            return null;
        }
    }

    private void failed(String what, String why) {
        failures++;
        out.println("FAILED  " + what + ": " + why);
    }
}
