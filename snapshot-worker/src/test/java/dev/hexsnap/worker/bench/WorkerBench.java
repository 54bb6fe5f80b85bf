package dev.hexsnap.worker.bench;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.testsupport.RedisServerProcess;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.worker.TestGrid;
import dev.hexsnap.worker.WorkerCli;
import dev.hexsnap.worker.generation.GenerationRun;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's benchmarks (run by {@code bench/worker-throughput} and {@code bench/worker-heap}).
 * Everything runs against real servers: a Redis of its own, the machine's MariaDB (a
 * throw-away database), the demo upstream in this JVM.
 */
public final class WorkerBench {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final Instant AT = GenerationRun.moment(DATE, LocalTime.NOON, ZoneId.of("Asia/Shanghai"));

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "throughput" : args[0];
        switch (mode) {
            case "throughput" -> throughput(Integer.parseInt(args[1]), args[2], Long.parseLong(args[3]), Integer.parseInt(args[4]));
            case "profile" -> profile(Integer.parseInt(args[1]), args[2], Path.of(args[3]));
            case "heap" -> heap(args.length > 1 ? Double.parseDouble(args[1]) : 272, args.length > 2 ? args[2] : null);
            default -> throw new IllegalArgumentException("mode: throughput rings upstream-url upstream-pid latency-ms | heap [side-km] [jar]");
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ throughput, ceiling, compression

    /** The worker's settings in the benchmark: production defaults for the job, both ceilings out of the way but 16 in flight. */
    private static final List<String> WORKER_SETTINGS = List.of(
            "--hexsnap.worker.progress.interval=1s", "--hexsnap.worker.progress.stale-after=30s",
            "--hexsnap.worker.job.grid-size=4", "--hexsnap.worker.job.partition-threads=4",
            "--hexsnap.worker.job.cell-chunk-size=10", "--hexsnap.worker.job.store-chunk-size=4",
            "--hexsnap.worker.job.item-threads=32",
            // every measured generation stays (no retention deletes inside a measured run; the compression figure reads b1)
            "--hexsnap.worker.publish.keep-published=50");

    /** One worker run as its summary tells it. */
    record WorkerRun(String generation, long pages, double pagesPerSecond, double cpuMsPerPage, int peakInFlight) {
    }

    /**
     * @param upstream   the demo upstream's URL (a process of its own, so that its CPU is its own)
     * @param upstreamPid its process id, to read its CPU time
     * @param latencyMs  the service latency of the remote-like measurement
     */
    static void throughput(int rings, String upstream, long upstreamPid, int latencyMs) throws Exception {
        String opsToken = System.getenv("HEXSNAP_UPSTREAM_OPS_TOKEN");
        check(opsToken != null && !opsToken.isBlank(), "HEXSNAP_UPSTREAM_OPS_TOKEN must name the upstream's operator token");
        UpstreamProcess up = new UpstreamProcess(upstream, upstreamPid, opsToken);
        try (RedisServerProcess redisServer = RedisServerProcess.start();
             ThrowawayDatabase db = ThrowawayDatabase.create("bench_worker")) {
            TestGrid.migrate(db);
            TestGrid.write(db, new int[]{8}, new int[]{rings});
            List<String> common = new ArrayList<>(WorkerCli.arguments(db, redisServer.hostAndPort(), "bench", upstream));
            common.addAll(WORKER_SETTINGS);
            WorkerCli cli = new WorkerCli(common);
            int[] generation = {0};
            // generation ids as long as production's (<yyyyMMdd>-<slot>, 12 characters): they are in every entry's header
            java.util.function.Supplier<WorkerRun> worker = () -> worker(cli, generationId(generation[0]++), 100_000);
            up.latency(0);

            // 0. warm-up: a first run makes the upstream build its catalogs and both JITs compile (not measured)
            worker.get();
            List<String> urls = urlsOf(db, upstream, generationId(0));
            System.out.println("bench: " + urls.size() + " pages per run");

            // 1. the worker's own CPU per page and step, by kind (this thread's CPU time, on real pages)
            List<PageCost.Row> costs = PageCost.measure(PageCost.sample(urls, 40));

            // 2. same machine, no added latency: capacity (bare client, same pages, 16 in flight) and the worker, alternating
            List<Probe> localProbes = new ArrayList<>();
            List<WorkerRun> localRuns = new ArrayList<>();
            localProbes.add(up.probe(urls, 16));
            for (int i = 0; i < 2; i++) {
                localRuns.add(worker.get());
                localProbes.add(up.probe(urls, 16));
            }
            // the upstream's CPU per page by kind (from the probes: its own work, nobody else's)
            Map<dev.hexsnap.core.page.PageKind, Double> upstreamCpu = up.cpuByKind(urls);

            // 3. remote-like: the upstream answers after latencyMs, so at 16 in flight its capacity is bounded by latency
            up.latency(latencyMs);
            List<Probe> remoteProbes = new ArrayList<>();
            List<WorkerRun> remoteRuns = new ArrayList<>();
            remoteProbes.add(up.probe(urls, 16));
            for (int i = 0; i < 2; i++) {
                remoteRuns.add(worker.get());
                remoteProbes.add(up.probe(urls, 16));
            }
            up.latency(0);

            // 4. the ceiling: a run at half the local capacity must never see a busier second than the ceiling
            double localCapacity = localProbes.stream().mapToDouble(Probe::pagesPerSecond).max().orElseThrow();
            int ceiling = Math.max(10, (int) (localCapacity / 2));
            WorkerCli.Result limited = cli.run("run", "--generation", generationId(generation[0]++), "--resolutions", "8", "--date", DATE.toString(),
                    "--rps", Integer.toString(ceiling), "--concurrency", "16");
            check(limited.exit() == 0, "the limited run failed");
            int busiest = (int) number(limited.out(), "busiest second (\\d+) requests");

            // 5. stored bytes against gzip -6 of the same payloads, every entry of b1, by kind
            Map<String, long[]> compression = compression(redisServer.hostAndPort(), generationId(1));

            report(db, rings, urls.size(), costs, upstreamCpu, localProbes, localRuns, remoteProbes, remoteRuns, latencyMs,
                    ceiling, busiest, compression);
        }
    }

    /** A warm-up run, then one run recorded by Flight Recorder (the "profile" settings) into {@code out}. */
    static void profile(int rings, String upstream, Path out) throws Exception {
        try (RedisServerProcess redisServer = RedisServerProcess.start();
             ThrowawayDatabase db = ThrowawayDatabase.create("bench_profile")) {
            TestGrid.migrate(db);
            TestGrid.write(db, new int[]{8}, new int[]{rings});
            List<String> common = new ArrayList<>(WorkerCli.arguments(db, redisServer.hostAndPort(), "bench", upstream));
            common.addAll(WORKER_SETTINGS);
            WorkerCli cli = new WorkerCli(common);
            worker(cli, "20261123-p00", 100_000);
            worker(cli, "20261123-p01", 100_000);
            try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
                // CPU-time sampling (JDK 25, Linux) sees native code too: zlib, the digest, socket reads
                recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
                recording.start();
                WorkerRun run = worker(cli, "20261123-p02", 100_000);
                recording.stop();
                recording.dump(out);
                System.out.printf(Locale.ROOT, "profiled run: %,d pages at %.1f pages/s, %.3f ms of CPU per page; recording in %s%n",
                        run.pages(), run.pagesPerSecond(), run.cpuMsPerPage(), out);
            }
            // the page checks by kind, outside the recording: data binding against the contract's extraction
            System.out.println("page checks (" + LocalDate.now() + ", load "
                    + String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + "):");
            PageCost.print(PageCost.measure(PageCost.sample(urlsOf(db, upstream, "20261123-p00"), 40)));
        }
    }

    private static WorkerRun worker(WorkerCli cli, String generation, int rps) {
        WorkerCli.Result run = cli.run("run", "--generation", generation, "--resolutions", "8", "--date", DATE.toString(),
                "--rps", Integer.toString(rps), "--concurrency", "16");
        check(run.exit() == 0, "the worker run " + generation + " failed");
        return new WorkerRun(generation, (long) number(run.out(), "written +([\\d,]+) pages"),
                number(run.out(), "pages by this execution, ([\\d.]+) pages/s"),
                number(run.out(), "process CPU, ([\\d.]+) ms per page"),
                (int) number(run.out(), "peak in flight (\\d+)"));
    }

    private static String generationId(int n) {
        return String.format(Locale.ROOT, "20261123-b%02d", n);
    }

    private static void report(ThrowawayDatabase db, int rings, int pages, List<PageCost.Row> costs,
                               Map<dev.hexsnap.core.page.PageKind, Double> upstreamCpu,
                               List<Probe> localProbes, List<WorkerRun> localRuns, List<Probe> remoteProbes,
                               List<WorkerRun> remoteRuns, int latencyMs, int ceiling, int busiest,
                               Map<String, long[]> compression) throws Exception {
        System.out.println();
        System.out.println("worker-throughput (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, load "
                + String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + ")");
        System.out.printf(Locale.ROOT, "  grid: %d res-8 cells (%d rings), %,d pages per run; demo upstream at its default sizes "
                + "(home ~600 KB, channel ~400 KB)%n", Sql.count(db, "SELECT COUNT(*) FROM grid_cell"), rings, pages);
        System.out.println("  worker: job defaults (4 partitions at a time, chunks of 10 cells / 4 stores, 32 item threads), 16 requests in flight");
        System.out.println();
        PageCost.print(costs);
        System.out.print("  upstream CPU per page (ms, its process, from the probes):");
        upstreamCpu.forEach((kind, ms) -> System.out.printf(Locale.ROOT, " %s %.3f", kind.id(), ms));
        System.out.println();
        System.out.println();
        ratio("same machine, no added latency", localProbes, localRuns);
        ratio("remote-like: upstream latency " + latencyMs + " ms per request", remoteProbes, remoteRuns);
        System.out.printf(Locale.ROOT, "  rps ceiling %d: busiest 1-s window %d (target <= ceiling)%n", ceiling, busiest);
        System.out.println();
        System.out.println("  stored bytes vs gzip -6 -n of the same payloads (every entry of one generation; ids of 12 characters):");
        System.out.printf(Locale.ROOT, "    %-17s %7s %12s %12s %12s %10s %10s %9s%n", "kind", "entries", "raw", "gzip -6", "stored",
                "bodies/g6", "stored/g6", "header B");
        for (Map.Entry<String, long[]> e : compression.entrySet()) {
            long[] c = e.getValue(); // entries, raw, gzip -6, bodies, stored
            System.out.printf(Locale.ROOT, "    %-17s %7d %12d %12d %12d %9.4fx %9.4fx %9.1f%n", e.getKey(), c[0], c[1], c[2], c[4],
                    (double) c[3] / c[2], (double) c[4] / c[2], (double) (c[4] - c[3]) / c[0]);
        }
    }

    private static void ratio(String title, List<Probe> probes, List<WorkerRun> runs) {
        double capacity = probes.stream().mapToDouble(Probe::pagesPerSecond).max().orElseThrow();
        double best = runs.stream().mapToDouble(WorkerRun::pagesPerSecond).max().orElseThrow();
        System.out.println("  " + title + " (alternating: probe, worker, probe, worker, probe):");
        System.out.print("    upstream capacity, bare client, 16 in flight (pages/s):");
        probes.forEach(p -> System.out.printf(Locale.ROOT, " %.1f", p.pagesPerSecond()));
        System.out.println();
        System.out.print("    worker (pages/s):");
        runs.forEach(r -> System.out.printf(Locale.ROOT, " %.1f", r.pagesPerSecond()));
        System.out.print("   worker CPU per page (ms):");
        runs.forEach(r -> System.out.printf(Locale.ROOT, " %.3f", r.cpuMsPerPage()));
        System.out.print("   peak in flight:");
        runs.forEach(r -> System.out.print(" " + r.peakInFlight()));
        System.out.println();
        System.out.printf(Locale.ROOT, "    ratio worker/capacity %.2f (best run / best probe; target >= 0.80)%n", best / capacity);
    }

    /** A capacity probe: pages per second, and the upstream's CPU per page meanwhile. */
    record Probe(double pagesPerSecond, double upstreamCpuMsPerPage) {
    }

    /** The demo upstream as a process of its own: its CPU time, its latency drill, a bare client for its capacity. */
    static final class UpstreamProcess {

        private final String baseUrl;
        private final long pid;
        private final String opsToken;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        UpstreamProcess(String baseUrl, long pid, String opsToken) {
            this.baseUrl = baseUrl;
            this.pid = pid;
            this.opsToken = opsToken;
        }

        /** Adds {@code ms} of latency to every request of every endpoint (0: none). */
        void latency(int ms) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/ops/faults"))
                    .header("Authorization", "Bearer " + opsToken).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"all\":{\"latencyMs\":" + ms + "}}")).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            check(response.statusCode() == 200, "setting the upstream's latency failed: HTTP " + response.statusCode() + " " + response.body());
        }

        /** CPU time of the upstream process so far, in milliseconds (utime + stime from /proc). */
        double cpuMillis() throws Exception {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
            return ticks * 1000.0 / 100; // USER_HZ is 100 on Linux
        }

        Probe probe(List<String> urls, int inFlight) throws Exception {
            double cpuBefore = cpuMillis();
            double pagesPerSecond = replay(urls, inFlight);
            return new Probe(pagesPerSecond, (cpuMillis() - cpuBefore) / urls.size());
        }

        /** The upstream's CPU per page of each kind, the pages of a kind asked at once. */
        Map<dev.hexsnap.core.page.PageKind, Double> cpuByKind(List<String> urls) throws Exception {
            Map<dev.hexsnap.core.page.PageKind, Double> cpu = new java.util.EnumMap<>(dev.hexsnap.core.page.PageKind.class);
            for (dev.hexsnap.core.page.PageKind kind : dev.hexsnap.core.page.PageKind.values()) {
                List<String> ofKind = urls.stream().filter(u -> PageCost.kindOf(u) == kind).toList();
                if (!ofKind.isEmpty()) {
                    // at least ~2,000 requests, so the 10-ms ticks of /proc are a small error
                    List<String> repeated = new ArrayList<>();
                    while (repeated.size() < 2_000) {
                        repeated.addAll(ofKind);
                    }
                    cpu.put(kind, probe(repeated, 16).upstreamCpuMsPerPage());
                }
            }
            return cpu;
        }
    }

    /** The pages a run stored, as upstream URLs: what the capacity probe asks for. */
    static List<String> urlsOf(ThrowawayDatabase db, String base, String generation) throws Exception {
        List<String> urls = new ArrayList<>();
        HexGrid grid = HexGrid.shared();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT cell_id, channels FROM worker_cell WHERE generation = '" + generation + "'")) {
                while (rs.next()) {
                    LatLng p = grid.center(rs.getLong(1));
                    String where = "lat=" + p.lat() + "&lng=" + p.lng() + "&account=generic&at=" + AT;
                    urls.add(base + "/v1/pages/home?" + where);
                    String channels = rs.getString(2);
                    if (channels != null && !channels.isEmpty()) {
                        for (String channel : channels.split(",")) {
                            urls.add(base + "/v1/pages/channel/" + channel + "?" + where);
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT store_id, leaf_pages FROM worker_store WHERE generation = '" + generation + "' AND status = 'COMPLETE'")) {
                while (rs.next()) {
                    String store = rs.getString(1);
                    urls.add(base + "/v1/pages/store/" + store + "/categories?at=" + AT);
                    String leaves = rs.getString(2);
                    if (leaves != null) {
                        for (String leaf : leaves.split(",")) {
                            int colon = leaf.lastIndexOf(':');
                            for (int page = 1; page <= Integer.parseInt(leaf.substring(colon + 1)); page++) {
                                urls.add(base + "/v1/pages/store/" + store + "/categories/" + leaf.substring(0, colon)
                                        + "/products?page=" + page + "&size=20&at=" + AT);
                            }
                        }
                    }
                }
            }
        }
        Collections.shuffle(urls, new java.util.Random(7));
        return urls;
    }

    /** Pages per second a bare client gets through {@code urls} with {@code inFlight} requests at a time. */
    static double replay(List<String> urls, int inFlight) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(inFlight);
        long started = System.nanoTime();
        for (int t = 0; t < inFlight; t++) {
            Thread.ofVirtual().start(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < urls.size()) {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(urls.get(i))).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        check(failures.get() == 0, "the capacity probe met " + failures.get() + " failures");
        return urls.size() / seconds;
    }

    /**
     * Every entry of a generation, by page kind (and "all"): {entries, raw bytes, gzip -6 -n bytes, stored gzip
     * bodies, stored bytes}. The payloads are written to a folder and compressed there by one {@code gzip -6 -n -r}.
     */
    static Map<String, long[]> compression(String redisNode, String generation) throws Exception {
        Map<String, long[]> byKind = new java.util.LinkedHashMap<>();
        for (dev.hexsnap.core.page.PageKind kind : dev.hexsnap.core.page.PageKind.values()) {
            byKind.put(kind.id(), new long[5]);
        }
        byKind.put("all", new long[5]);
        Path folder = Files.createTempDirectory("payloads");
        try (RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.standalone(redisNode, "bench"))) {
            SnapshotStore store = new SnapshotStore(redis);
            List<String> keys = new ArrayList<>();
            redis.scan(store.entryPattern(generation), 1000, keys::addAll);
            List<String> kindOfFile = new ArrayList<>();
            for (String key : keys) {
                byte[] frame = redis.await(redis.get(key));
                SnapshotEntry entry = dev.hexsnap.core.snapshot.SnapshotEntryCodec.decode(frame);
                byte[] payload = entry.decompress();
                String path = key.substring(key.indexOf(":s:" + generation + ":") + 4 + generation.length());
                String kind = path.startsWith("home:") ? "home" : path.startsWith("channel:") ? "channel"
                        : path.endsWith(":categories") ? "store-categories" : "store-products";
                Files.write(folder.resolve(kindOfFile.size() + ".json"), payload);
                kindOfFile.add(kind);
                for (long[] c : new long[][]{byKind.get(kind), byKind.get("all")}) {
                    c[0]++;
                    c[1] += payload.length;
                    c[3] += entry.gzipLength();
                    c[4] += frame.length;
                }
            }
            Process gzip = new ProcessBuilder("gzip", "-6", "-n", "-r", folder.toString()).redirectErrorStream(true).start();
            gzip.getInputStream().readAllBytes();
            check(gzip.waitFor() == 0, "gzip failed");
            for (int i = 0; i < kindOfFile.size(); i++) {
                long size = Files.size(folder.resolve(i + ".json.gz"));
                byKind.get(kindOfFile.get(i))[2] += size;
                byKind.get("all")[2] += size;
            }
        } finally {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(folder);
        }
        byKind.values().removeIf(c -> c[0] == 0);
        return byKind;
    }

    // ------------------------------------------------------------------ heap

    static void heap(double sideKm, String jar) throws Exception {
        Path execJar = jar != null ? Path.of(jar) : findJar();
        try (RedisServerProcess redisServer = RedisServerProcess.start();
             DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().cities(1).homePageBytes(5_000).channelPageBytes(5_000));
             ThrowawayDatabase db = ThrowawayDatabase.create("bench_heap")) {
            TestGrid.migrate(db);
            TestGrid.writeSquare(db, 8, sideKm);
            long cells = Sql.count(db, "SELECT COUNT(*) FROM grid_cell");
            Path gcLog = Path.of("target", "bench-heap-gc.log").toAbsolutePath();
            Files.deleteIfExists(gcLog);
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m", "-Xlog:gc:file=" + gcLog + ":uptime", "-Djava.io.tmpdir=" + new File("target").getAbsolutePath(),
                    "-jar", execJar.toString(), "run", "--generation", "h1", "--resolutions", "8", "--date", DATE.toString(),
                    "--rps", "100000", "--concurrency", "16"));
            command.addAll(WorkerCli.arguments(db, redisServer.hostAndPort(), "heap", upstream.baseUrl(),
                    "--hexsnap.worker.progress.interval=10s", "--hexsnap.worker.progress.stale-after=60s",
                    "--hexsnap.worker.job.cell-chunk-size=50", "--hexsnap.worker.job.page-size=500",
                    "--hexsnap.worker.snapshot.ttl=1h"));
            long started = System.nanoTime();
            Process worker = new ProcessBuilder(command).inheritIO().start();
            // Every 10 s: how many cells and stores are done, then a full GC in the worker (jcmd GC.run), whose
            // "after" figure is the live heap at that point of the run.
            String jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd").toString();
            List<long[]> marks = new ArrayList<>();
            while (!worker.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                long done = Sql.count(db, "SELECT COUNT(*) FROM worker_cell") + Sql.count(db, "SELECT COUNT(*) FROM worker_store WHERE crawled_at IS NOT NULL");
                Process gc = new ProcessBuilder(jcmd, Long.toString(worker.pid()), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (gc.waitFor() == 0) {
                    marks.add(new long[]{done});
                }
            }
            int exit = worker.exitValue();
            double minutes = (System.nanoTime() - started) / 6e10;
            check(exit == 0, "the worker exited " + exit);

            Pattern full = Pattern.compile("Pause Full \\([^)]*\\) (\\d+)M->(\\d+)M");
            List<Long> live = new ArrayList<>();
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = full.matcher(line);
                if (m.find()) {
                    live.add(Long.parseLong(m.group(2)));
                }
            }
            System.out.println();
            System.out.println("worker-heap (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores)");
            System.out.printf(Locale.ROOT, "  cells                    %,d res-8 cells (a %.0f km square), pages ~5 KB, -Xmx512m: completed in %.1f min%n",
                    cells, sideKm, minutes);
            System.out.printf(Locale.ROOT, "  pages                    %,d stored (%,d stores)%n",
                    Sql.count(db, "SELECT pages FROM worker_generation"), Sql.count(db, "SELECT COUNT(*) FROM worker_store"));
            System.out.println("  live heap (after a full GC every 10 s), by cells and stores done:");
            for (int i = 0; i < Math.min(live.size(), marks.size()); i++) {
                System.out.printf(Locale.ROOT, "    %,9d done   %4d MB%n", marks.get(i)[0], live.get(i));
            }
            if (!live.isEmpty()) {
                System.out.printf(Locale.ROOT, "  live heap                min %d MB, max %d MB over the run%n",
                        live.stream().mapToLong(Long::longValue).min().orElse(0), live.stream().mapToLong(Long::longValue).max().orElse(0));
            }
        }
    }

    private static Path findJar() throws Exception {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the exec jar first"));
        }
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        check(m.find(), "no '" + regex + "' in the output");
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** Counts in the benchmark's database. */
    static final class Sql {
        static long count(ThrowawayDatabase db, String sql) throws Exception {
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
