package dev.hexsnap.core.upstream.contract;

import dev.hexsnap.core.page.PageKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How to ask one company's page services for each page kind and what to read from their
 * answers: the only place that knows paths, methods, envelopes, auth and field names. Read
 * from YAML by {@link #load}; the reference is docs/upstream-contract.md.
 *
 * <p>Immutable and thread-safe: one instance serves every stage and thread.
 */
public final class UpstreamContract {

    /** The contract used when none is configured: the demo upstream's own API. */
    public static final String DEFAULT = "hexsnap-v1";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final String source;
    private final boolean supportsMoment;
    private final long maxPageBytes;
    private final Set<Integer> statuses;
    private final List<String> channels;
    private final Map<PageKind, Page> pages;

    UpstreamContract(String name, String source, boolean supportsMoment, long maxPageBytes, Set<Integer> statuses,
                     List<String> channels, Map<PageKind, Page> pages) {
        this.statuses = Set.copyOf(statuses);
        this.name = name;
        this.source = source;
        this.supportsMoment = supportsMoment;
        this.maxPageBytes = maxPageBytes;
        this.channels = List.copyOf(channels);
        this.pages = new EnumMap<>(pages);
    }

    /**
     * Reads a contract: a shipped name ({@code hexsnap-v1}, {@code demo-gateway}), a
     * {@code classpath:} resource or a file. {@code ${NAME}} values come from the process environment.
     *
     * @throws ContractException naming the file, the line and the field of what is wrong
     */
    public static UpstreamContract load(String location) {
        return ContractReader.load(location, System::getenv);
    }

    /** As {@link #load(String)}, with the environment given (tests, and checks of a contract before deploying it). */
    public static UpstreamContract load(String location, Map<String, String> environment) {
        return ContractReader.load(location, environment::get);
    }

    /**
     * As {@link #load(String)}, with {@code ${NAME}} looked up by {@code lookup} (a program's Spring
     * environment: the process environment, then properties and arguments).
     */
    public static UpstreamContract load(String location, UnaryOperator<String> lookup) {
        return ContractReader.load(location, lookup);
    }

    /** The contract's own name. */
    public String name() {
        return name;
    }

    /** Where it was read from. */
    public String source() {
        return source;
    }

    /** Whether the services compute a page for another moment ({@code {at}}); when not, pages are as of "now". */
    public boolean supportsMoment() {
        return supportsMoment;
    }

    /** Answers larger than this are failures. */
    public long maxPageBytes() {
        return maxPageBytes;
    }

    /** Whether an answer with this HTTP status carries a page ({@code success.statuses}). */
    public boolean carriesPage(int status) {
        return statuses.contains(status);
    }

    /** The services' channel ids, in the contract's order. */
    public List<String> channels() {
        return channels;
    }

    /** The volatile paths of a page kind (relative to the data pointer), as written. */
    public List<String> volatilePaths(PageKind kind) {
        return pages.get(kind).volatiles();
    }

    // ------------------------------------------------------------------ requests

    /** The request for one page, under {@code baseUrl} (the services' root). */
    public PreparedRequest request(PageKind kind, URI baseUrl, PageArgs args) {
        Page page = pages.get(kind);
        Request spec = page.request();
        Map<Variable, String> values = args.values();
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = spec.url().render(values, UpstreamContract::pathSegment);
        String shownPath = spec.url().display(values, UpstreamContract::pathSegment);
        String query = params(spec.query(), values, false);
        String shownQuery = params(spec.query(), values, true);
        String separator = path.contains("?") ? "&" : "?";
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : separator + query));
        String display = spec.method() + " " + shownPath + (shownQuery.isEmpty() ? "" : separator + shownQuery);

        List<PreparedRequest.Header> headers = new ArrayList<>();
        for (HeaderSpec header : spec.headers()) {
            headers.add(new PreparedRequest.Header(header.name(), header.value().render(values, UnaryOperator.identity())));
        }
        byte[] body = null;
        String contentType = null;
        if (spec.form() != null) {
            body = params(spec.form(), values, false).getBytes(StandardCharsets.UTF_8);
            contentType = "application/x-www-form-urlencoded";
            display += " form " + params(spec.form(), values, true);
        } else if (spec.json() != null) {
            body = JSON.writeValueAsBytes(spec.json().render(values, false));
            contentType = "application/json";
            display += " json " + JSON.writeValueAsString(spec.json().render(values, true));
        }
        return new PreparedRequest(spec.method(), uri, headers, body, contentType, display);
    }

    private static String params(List<Param> params, Map<Variable, String> values, boolean masked) {
        StringBuilder out = new StringBuilder();
        for (Param param : params) {
            String value;
            if (param.json() != null) {
                value = JSON.writeValueAsString(param.json().render(values, masked));
            } else {
                value = masked ? param.text().display(values, UnaryOperator.identity())
                        : param.text().render(values, UnaryOperator.identity());
            }
            out.append(out.isEmpty() ? "" : "&").append(formEncode(param.name())).append('=')
                    .append(masked && value.equals("***") ? value : formEncode(value));
        }
        return out.toString();
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Percent-encoding for one path segment: a space is %20 there, and '/' may not pass. */
    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------ answers

    /**
     * What a home or channel page shows. With {@code args} the echo checks run (a live answer);
     * without, they do not (a stored page read back).
     *
     * @throws PageRejectedException NOT_JSON, ENVELOPE or MALFORMED; an empty page is returned (see {@link LocationFacts#empty()})
     */
    public LocationFacts location(PageKind kind, byte[] body, PageArgs args) {
        Page page = pages.get(kind);
        Extractor.Result result = read(page, body, args);
        LocationReading reading = (LocationReading) page.reading();
        boolean serviceable = reading.notServiceableSlot() < 0
                || !reading.notServiceable().contains(result.values[reading.notServiceableSlot()]);
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, Set<String>> floors = new LinkedHashMap<>();
        Extractor.Records stores = result.records[reading.stores()];
        for (int i = 0; i < stores.size(); i++) {
            String id = required(stores.field(i, 0), kind, "a store without its id (" + reading.storesId() + ")");
            String status = reading.statusOf(stores.field(i, 1));
            statuses.merge(id, status == null ? "" : status, (first, later) -> first.isEmpty() ? later : first);
            floor(floors, reading, result, stores.container(i), id);
        }
        Extractor.Records products = result.records[reading.products()];
        List<String> productIds = new ArrayList<>(products.size());
        Map<String, String> productStores = new LinkedHashMap<>();
        for (int i = 0; i < products.size(); i++) {
            String id = required(products.field(i, 0), kind, "a product without its id (" + reading.productsId() + ")");
            productIds.add(id);
            if (reading.productStore()) {
                String store = required(products.field(i, 1), kind, "a product without its store (" + reading.productsStore() + ")");
                productStores.putIfAbsent(store, "");
            }
            floor(floors, reading, result, products.container(i), id);
        }
        Set<String> cards = new LinkedHashSet<>(statuses.keySet());
        productStores.forEach((id, none) -> statuses.putIfAbsent(id, ""));
        List<LocationFacts.StoreShown> shown = new ArrayList<>(statuses.size());
        statuses.forEach((id, status) -> shown.add(new LocationFacts.StoreShown(id, status.isEmpty() ? null : status, cards.contains(id))));
        Set<String> channelIds = new LinkedHashSet<>();
        if (reading.channels() >= 0) {
            Extractor.Records entries = result.records[reading.channels()];
            for (int i = 0; i < entries.size(); i++) {
                String id = entries.field(i, 0);
                if (id != null && channels.contains(id)) {
                    channelIds.add(id);
                }
            }
        }
        boolean empty = serviceable && statuses.isEmpty() && productIds.isEmpty();
        return new LocationFacts(serviceable, empty, shown, productIds, List.copyOf(channelIds), floors);
    }

    private static void floor(Map<String, Set<String>> floors, LocationReading reading, Extractor.Result result, int floor,
                              String item) {
        if (reading.floors() < 0 || floor < 0) {
            return;
        }
        String id = result.records[reading.floors()].field(floor, 0);
        floors.computeIfAbsent(id == null ? "#" + floor : id, k -> new LinkedHashSet<>()).add(item);
    }

    /**
     * A store's category tree (echo checks with {@code args}, as {@link #location}).
     *
     * @throws PageRejectedException NOT_JSON, ENVELOPE or MALFORMED
     */
    public CategoryFacts categories(byte[] body, PageArgs args) {
        Page page = pages.get(PageKind.STORE_CATEGORIES);
        Extractor.Result result = read(page, body, args);
        TreeReading reading = (TreeReading) page.reading();
        String status = reading.statusSlot() < 0 ? "open" : reading.statusOf(result.values[reading.statusSlot()]);
        Extractor.Records nodes = result.records[reading.selector()];
        List<CategoryFacts.Category> categories = reading.flat() ? flatTree(reading, nodes) : nestedTree(reading, nodes);
        return new CategoryFacts(status, categories);
    }

    private static List<CategoryFacts.Category> nestedTree(TreeReading reading, Extractor.Records nodes) {
        boolean[] hasChildren = new boolean[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.parent(i) >= 0) {
                hasChildren[nodes.parent(i)] = true;
            }
        }
        List<CategoryFacts.Category> categories = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            categories.add(category(reading, nodes, i, nodes.parent(i), !hasChildren[i]));
        }
        return categories;
    }

    private static List<CategoryFacts.Category> flatTree(TreeReading reading, Extractor.Records nodes) {
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String id = nodes.field(i, TreeReading.ID);
            if (id == null) {
                throw new PageRejectedException(PageRejectedException.Reason.MALFORMED, "store-categories: a category without its id");
            }
            if (byId.putIfAbsent(id, i) != null) {
                throw new PageRejectedException(PageRejectedException.Reason.MALFORMED, "store-categories: category " + id + " is listed twice");
            }
        }
        List<List<Integer>> children = new ArrayList<>(nodes.size());
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            children.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            String parent = nodes.field(i, TreeReading.PARENT);
            if (parent == null || parent.isEmpty() || reading.rootParents().contains(parent)) {
                roots.add(i);
                continue;
            }
            Integer p = byId.get(parent);
            if (p == null) {
                throw new PageRejectedException(PageRejectedException.Reason.MALFORMED, "store-categories: category "
                        + nodes.field(i, TreeReading.ID) + " names parent " + parent + ", which is not in the list");
            }
            children.get(p).add(i);
        }
        List<CategoryFacts.Category> categories = new ArrayList<>(nodes.size());
        // Depth first, siblings in list order; an explicit stack keeps a deep or cyclic list from overflowing anything.
        record Visit(int node, int parent) {
        }
        ArrayList<Visit> stack = new ArrayList<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.add(new Visit(roots.get(i), -1));
        }
        while (!stack.isEmpty()) {
            Visit visit = stack.removeLast();
            int index = categories.size();
            List<Integer> kids = children.get(visit.node());
            categories.add(category(reading, nodes, visit.node(), visit.parent(), kids.isEmpty()));
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.add(new Visit(kids.get(i), index));
            }
        }
        if (categories.size() != nodes.size()) {
            throw new PageRejectedException(PageRejectedException.Reason.MALFORMED,
                    "store-categories: parent ids form a cycle (" + (nodes.size() - categories.size()) + " categories unreachable)");
        }
        return categories;
    }

    private static CategoryFacts.Category category(TreeReading reading, Extractor.Records nodes, int i, int parent, boolean noChildren) {
        String count = nodes.field(i, TreeReading.COUNT);
        int productCount = -1;
        if (reading.hasCount()) {
            productCount = count == null ? 0 : parseInt(count, "store-categories: product count '" + count + "'");
        }
        boolean leaf = reading.leafValues() == null ? noChildren : reading.leafValues().contains(nodes.field(i, TreeReading.LEAF));
        return new CategoryFacts.Category(nodes.field(i, TreeReading.ID), nodes.field(i, TreeReading.NAME), productCount, parent, leaf);
    }

    /**
     * One page of a category's products (echo checks with {@code args}, as {@link #location}).
     *
     * @throws PageRejectedException NOT_JSON, ENVELOPE or MALFORMED
     */
    public ProductFacts products(byte[] body, PageArgs args) {
        Page page = pages.get(PageKind.STORE_PRODUCTS);
        Extractor.Result result = read(page, body, args);
        ProductsReading reading = (ProductsReading) page.reading();
        Extractor.Records products = result.records[reading.selector()];
        List<String> ids = new ArrayList<>(products.size());
        for (int i = 0; i < products.size(); i++) {
            ids.add(required(products.field(i, 0), PageKind.STORE_PRODUCTS, "a product without its id"));
        }
        int totalPages;
        if (reading.totalPagesSlot() >= 0) {
            totalPages = parseInt(required(result.values[reading.totalPagesSlot()], PageKind.STORE_PRODUCTS,
                    "no total pages at " + reading.paginationPath()), "store-products: total pages");
        } else {
            long total = parseInt(required(result.values[reading.totalSlot()], PageKind.STORE_PRODUCTS,
                    "no total at " + reading.paginationPath()), "store-products: total");
            int size = reading.sizeSlot() >= 0
                    ? parseInt(required(result.values[reading.sizeSlot()], PageKind.STORE_PRODUCTS, "no page size in the answer"),
                    "store-products: page size")
                    : args == null ? 0 : args.size();
            if (size <= 0) {
                throw new PageRejectedException(PageRejectedException.Reason.MALFORMED, "store-products: page size " + size);
            }
            totalPages = (int) ((total + size - 1) / size);
        }
        return new ProductFacts(ids, totalPages);
    }

    private Extractor.Result read(Page page, byte[] body, PageArgs args) {
        if (body == null || body.length == 0) {
            throw new PageRejectedException(PageRejectedException.Reason.NOT_JSON, page.kind().id() + ": empty answer (no bytes)");
        }
        if (body.length > maxPageBytes) {
            throw new PageRejectedException(PageRejectedException.Reason.NOT_JSON, page.kind().id() + ": answer of " + body.length
                    + " bytes, over max-page-bytes " + maxPageBytes);
        }
        Extractor.Result result;
        try {
            result = page.extractor().read(body);
        } catch (JacksonException | Extractor.NotJsonException e) {
            String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new PageRejectedException(PageRejectedException.Reason.NOT_JSON, page.kind().id() + ": not JSON: " + message);
        }
        // No code at all (a proxy's own JSON, another service's page) is a failed envelope too; Set.of() refuses null.
        if (page.codeSlot() >= 0 && (result.values[page.codeSlot()] == null || !page.okCodes().contains(result.values[page.codeSlot()]))) {
            String message = page.messageSlot() >= 0 ? result.values[page.messageSlot()] : null;
            throw new PageRejectedException(PageRejectedException.Reason.ENVELOPE, page.kind().id() + ": code "
                    + result.values[page.codeSlot()] + (message == null ? "" : ": " + message));
        }
        if (args != null) {
            Map<Variable, String> values = args.values();
            for (Echo echo : page.echo()) {
                String actual = result.values[echo.slot()];
                String problem = echo.check(actual, values);
                if (problem != null) {
                    throw new PageRejectedException(PageRejectedException.Reason.MALFORMED, page.kind().id() + ": " + problem);
                }
            }
        }
        return result;
    }

    private static String required(String value, PageKind kind, String problem) {
        if (value == null) {
            throw new PageRejectedException(PageRejectedException.Reason.MALFORMED, kind.id() + ": " + problem);
        }
        return value;
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new PageRejectedException(PageRejectedException.Reason.MALFORMED, what + " is not a whole number: " + text);
        }
    }

    // ------------------------------------------------------------------ the compiled contract

    record Param(String name, Template text, JsonTemplate json) {
    }

    record HeaderSpec(String name, Template value) {
    }

    /** @param form the form fields (POST form body), or null; @param json the JSON body, or null */
    record Request(String method, Template url, List<Param> query, List<HeaderSpec> headers, List<Param> form, JsonTemplate json) {
    }

    /** One echo check: the value at {@code path} equals the template, or lies {@code within} degrees of it. */
    record Echo(String path, int slot, Template equals, Template near, double within) {

        String check(String actual, Map<Variable, String> values) {
            if (equals != null) {
                String expected = equals.render(values, UnaryOperator.identity());
                return expected.equals(actual) ? null : "asked for " + path + " = " + expected + ", the answer says " + actual;
            }
            String expected = near.render(values, UnaryOperator.identity());
            try {
                if (actual != null && Math.abs(Double.parseDouble(actual) - Double.parseDouble(expected)) <= within) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // falls through: not a number is not near anything
            }
            return "asked for " + path + " near " + expected + ", the answer says " + actual;
        }
    }

    /** A page kind: its request, its echo checks, and its compiled paths. */
    record Page(PageKind kind, Request request, List<Echo> echo, Extractor extractor, int codeSlot, int messageSlot,
                Set<String> okCodes, Reading reading, List<String> volatiles) {
    }

    sealed interface Reading permits LocationReading, TreeReading, ProductsReading {
    }

    /** The store-status mapping: a value as written to hexsnap's {@code open}, {@code closed-now}, {@code closed}. */
    record StatusMap(Map<String, String> canonical) {
        String of(String written) {
            return written == null ? null : canonical.get(written);
        }
    }

    record LocationReading(int notServiceableSlot, Set<String> notServiceable, int stores, String storesId, int products,
                           String productsId, boolean productStore, String productsStore, int channels, int floors,
                           StatusMap status) implements Reading {
        String statusOf(String written) {
            return status.of(written);
        }
    }

    /** Fields of a category record: id, name, count, parent (flat), leaf flag. */
    record TreeReading(int statusSlot, StatusMap status, int selector, boolean flat, boolean hasCount, Set<String> rootParents,
                       Set<String> leafValues) implements Reading {
        static final int ID = 0;
        static final int NAME = 1;
        static final int COUNT = 2;
        static final int PARENT = 3;
        static final int LEAF = 4;

        String statusOf(String written) {
            return status.of(written);
        }
    }

    record ProductsReading(int selector, int totalPagesSlot, int totalSlot, int sizeSlot, String paginationPath) implements Reading {
    }
}
