package dev.hexsnap.diff;

import dev.hexsnap.core.clock.ShiftedClock;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.snapshot.SnapshotWriter;
import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * What the diff needs before it can run, made the way the grid-builder and the worker make it
 * (until they exist): grid rows in a throw-away database, and a published generation in a
 * fresh Redis namespace holding the pages an upstream answered at each cell's hotspot (home,
 * the channels it offers, and for every open store shown its category tree and first two
 * product pages per leaf).
 */
final class SnapshotFixture implements AutoCloseable {

    /** "Now" as the diff under test reads it ({@code hexsnap.clock.start} shifts both). */
    private static final Clock CLOCK = ShiftedClock.fromSystem();

    final ThrowawayDatabase database;
    final String namespace;
    final RedisKeyValue redis;
    final SnapshotStore store;
    final HexGrid grid = HexGrid.shared();
    private final PageInspector inspector = new PageInspector();
    private final SnapshotEntryCodec codec = new SnapshotEntryCodec(new GzipCodec(1));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SnapshotFixture(ThrowawayDatabase database, String namespace, RedisKeyValue redis) {
        this.database = database;
        this.namespace = namespace;
        this.redis = redis;
        this.store = new SnapshotStore(redis);
    }

    static SnapshotFixture create(String purpose) {
        ThrowawayDatabase database = ThrowawayDatabase.create(purpose);
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/hexsnap").table("hexsnap_schema_history").load().migrate();
        String namespace = TestNamespaces.fresh();
        return new SnapshotFixture(database, namespace, RedisKeyValue.connect(RedisSettings.standalone(TestServices.REDIS, namespace)));
    }

    /** A hot cell as the grid-builder writes it. */
    record GridRow(int resolution, long cell, String region, LatLng centre, LatLng hotspot, long requests) {

        GridRow withHotspot(LatLng other) {
            return new GridRow(resolution, cell, region, centre, other, requests);
        }
    }

    /** The cells within {@code rings} of the cell holding {@code centre}, hotspot = a point inside each cell near its centre. */
    List<GridRow> cellsAround(String region, LatLng centre, int resolution, int rings) {
        List<GridRow> rows = new ArrayList<>();
        long middle = grid.cellOf(centre, resolution);
        for (List<Long> ring : grid.rings(middle, rings)) {
            for (long cell : ring) {
                LatLng c = grid.center(cell);
                // a little off the centre, the way a real hotspot is, but well inside
                LatLng hotspot = c.towards(grid.vertices(cell).getFirst(), 0.15);
                rows.add(new GridRow(resolution, cell, region, c, hotspot, 1000 - rows.size()));
            }
        }
        return rows;
    }

    /** Writes a grid build and makes it the current one. */
    void switchGrid(String buildId, List<GridRow> rows) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO grid_cell (build_id, resolution, cell_id, cell_seq, region, center_lat, center_lng,
                      hotspot_lat, hotspot_lng, request_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int[] seq = new int[16];
                for (GridRow row : rows) {
                    insert.setString(1, buildId);
                    insert.setInt(2, row.resolution());
                    insert.setLong(3, row.cell());
                    insert.setInt(4, seq[row.resolution()]++);
                    insert.setString(5, row.region());
                    insert.setDouble(6, row.centre().lat());
                    insert.setDouble(7, row.centre().lng());
                    insert.setDouble(8, row.hotspot().lat());
                    insert.setDouble(9, row.hotspot().lng());
                    insert.setLong(10, row.requests());
                    insert.setTimestamp(11, Timestamp.from(CLOCK.instant()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement s = c.createStatement(); PreparedStatement current = c.prepareStatement(
                    "INSERT INTO grid_current (id, build_id, switched_at) VALUES (1, ?, NOW(3))")) {
                s.executeUpdate("DELETE FROM grid_current WHERE id = 1");
                current.setString(1, buildId);
                current.executeUpdate();
            }
            c.commit();
        }
    }

    /**
     * What a published generation holds.
     *
     * @param generation its id
     * @param stores     the open stores whose pages it holds
     * @param pages      entries written
     */
    record Published(String generation, List<String> stores, long pages) {
    }

    /**
     * Crawls {@code rows} as the worker would, asking the upstream at {@code where(row)} (the
     * hotspot, unless a test moves it), and publishes the result as {@code generation}.
     */
    Published publish(String generation, Slot slot, Instant at, String baseUrl, List<GridRow> rows,
                      Function<GridRow, LatLng> where) throws Exception {
        return publish(generation, slot, at, baseUrl, rows, where, Integer.MAX_VALUE);
    }

    /** As above; without the store pages when {@code withStores} is false (tests that skip the store diff). */
    Published publish(String generation, Slot slot, Instant at, String baseUrl, List<GridRow> rows,
                      Function<GridRow, LatLng> where, boolean withStores) throws Exception {
        return publish(generation, slot, at, baseUrl, rows, where, withStores ? Integer.MAX_VALUE : 0);
    }

    /**
     * As above, with the store pages of only the {@code storeLimit} stores shown in the most cells
     * (the diff's key stores come first by the same rule), to keep a large fixture quick to make.
     */
    Published publish(String generation, Slot slot, Instant at, String baseUrl, List<GridRow> rows,
                      Function<GridRow, LatLng> where, int storeLimit) throws Exception {
        Map<String, Integer> shownIn = new ConcurrentHashMap<>();
        List<SnapshotEntryCodec.EncodedEntry> entries = Collections.synchronizedList(new ArrayList<>());
        Semaphore bound = new Semaphore(8);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (GridRow row : rows) {
                work.add(executor.submit(() -> {
                    bound.acquire();
                    try {
                        LatLng point = where.apply(row);
                        Set<String> storeIds = new HashSet<>();
                        byte[] home = get(baseUrl + "/v1/pages/home?" + location(point, at));
                        LocationPage homePage = inspector.locationPage(home);
                        entries.add(codec.encode(new SnapshotKey.Home(row.resolution(), row.cell()), generation, slot, at,
                                row.cell(), point, home));
                        storeIds.addAll(homePage.storeIds());
                        for (Channel channel : homePage.channelEntries()) {
                            byte[] page = get(baseUrl + "/v1/pages/channel/" + channel.id() + "?" + location(point, at));
                            storeIds.addAll(inspector.locationPage(page).storeIds());
                            entries.add(codec.encode(new SnapshotKey.ChannelPage(channel, row.resolution(), row.cell()),
                                    generation, slot, at, row.cell(), point, page));
                        }
                        storeIds.forEach(id -> shownIn.merge(id, 1, Integer::sum));
                    } finally {
                        bound.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            List<String> open = Collections.synchronizedList(new ArrayList<>());
            work.clear();
            List<String> wanted = new ArrayList<>(shownIn.keySet());
            wanted.sort(java.util.Comparator.comparingInt((String id) -> -shownIn.get(id)).thenComparing(id -> id));
            for (String storeId : wanted.subList(0, Math.min(storeLimit, wanted.size()))) {
                work.add(executor.submit(() -> {
                    bound.acquire();
                    try {
                        String at1 = URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
                        byte[] categories = get(baseUrl + "/v1/pages/store/" + storeId + "/categories?at=" + at1);
                        StoreCategoriesPage tree = inspector.categories(categories);
                        if (StoreCard.CLOSED.equals(tree.status())) {
                            return null; // the worker skips closed stores
                        }
                        open.add(storeId);
                        entries.add(codec.encode(new SnapshotKey.StoreCategories(storeId), generation, slot, at, 0, null, categories));
                        for (StoreCategoriesPage.Category leaf : tree.leaves()) {
                            for (int page = 1; page <= 2; page++) {
                                byte[] products = get(baseUrl + "/v1/pages/store/" + storeId + "/categories/" + leaf.categoryId()
                                        + "/products?page=" + page + "&size=20&at=" + at1);
                                StoreProductsPage parsed = inspector.products(products);
                                entries.add(codec.encode(new SnapshotKey.StoreProducts(storeId, leaf.categoryId(), page),
                                        generation, slot, at, 0, null, products));
                                if (parsed.totalPages() <= page) {
                                    break;
                                }
                            }
                        }
                    } finally {
                        bound.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long bytes = write(generation, entries);
            Set<Integer> resolutions = new LinkedHashSet<>();
            rows.forEach(r -> resolutions.add(r.resolution()));
            store.describe(new GenerationInfo(generation, slot, GenerationInfo.WRITING, CLOCK.instant(), null,
                    String.join(",", resolutions.stream().sorted().map(String::valueOf).toList()), entries.size(), bytes));
            store.publish(slot, generation, CLOCK.instant());
            List<String> sorted = new ArrayList<>(open);
            Collections.sort(sorted);
            return new Published(generation, sorted, entries.size());
        }
    }

    private long write(String generation, List<SnapshotEntryCodec.EncodedEntry> entries) {
        try (SnapshotWriter writer = store.openWriter(generation, Duration.ofHours(2), 200)) {
            for (SnapshotEntryCodec.EncodedEntry entry : entries) {
                writer.put(entry);
            }
            writer.flush();
            return writer.writtenBytes();
        }
    }

    /** Copies every entry of a generation under another id (pipelined), and describes the copy. */
    void copyGeneration(String from, String to) {
        String fromPrefix = store.entryPattern(from).substring(0, store.entryPattern(from).length() - 1);
        String toPrefix = store.entryPattern(to).substring(0, store.entryPattern(to).length() - 1);
        redis.scan(fromPrefix + "*", 1000, keys -> {
            List<io.lettuce.core.RedisFuture<String>> writes = new ArrayList<>();
            for (var kv : redis.await(redis.mget(keys))) {
                if (kv.hasValue()) {
                    writes.add(redis.set(toPrefix + kv.getKey().substring(fromPrefix.length()), kv.getValue(), Duration.ofHours(2)));
                }
            }
            writes.forEach(redis::await);
        });
        GenerationInfo info = store.generation(from).orElseThrow();
        store.describe(new GenerationInfo(to, info.slot(), GenerationInfo.WRITING, CLOCK.instant(), null, info.resolutions(),
                info.pages(), info.storedBytes()));
    }

    /** Replaces a stored page of the current generation (to plant an anomaly). */
    void overwrite(String generation, SnapshotKey key, Slot slot, byte[] raw) {
        try (SnapshotWriter writer = store.openWriter(generation, Duration.ofHours(2), 1)) {
            writer.put(codec.encode(key, generation, slot, CLOCK.instant(), 0, null, raw));
        }
    }

    byte[] stored(String generation, SnapshotKey key) {
        return store.read(generation, key).orElseThrow(() -> new AssertionError("not stored: " + key.path())).decompress();
    }

    /** The Spring arguments that point the diff at this database and namespace. */
    List<String> springArguments() {
        List<String> args = new ArrayList<>(List.of(database.springArguments()));
        args.add("--hexsnap.redis.nodes=" + TestServices.REDIS);
        args.add("--hexsnap.redis.namespace=" + namespace);
        args.add("--logging.file.name=target/diff-it.log");
        return args;
    }

    private static String location(LatLng point, Instant at) {
        return String.format(Locale.ROOT, "lat=%.6f&lng=%.6f&account=generic&at=%s", point.lat(), point.lng(),
                URLEncoder.encode(at.toString(), StandardCharsets.UTF_8));
    }

    private byte[] get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        return response.body();
    }

    /** Query rows as strings, for assertions. */
    List<List<String>> query(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            redis.close();
        } finally {
            TestNamespaces.clear(namespace);
            database.close();
        }
    }

    static Set<String> set(String... values) {
        return new HashSet<>(List.of(values));
    }
}
