package dev.hexsnap.worker;

import dev.hexsnap.testsupport.RedisServerProcess;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.testsupport.UpstreamProxy;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/worker-scale-out}: a remote run ({@code run --remote}) with 1, 2 and 3 {@code serve}
 * worker processes (the exec jar, a JVM each) against a remote-like upstream (30 ms added to every
 * answer, ~5 KB pages, so that two cores are not the limit), configurations alternating over rounds:
 * pages/s with the shared ceiling above demand (speed-up over one process), then three processes
 * with the ceiling below demand (busiest second at the upstream's side vs the ceiling). Beside each
 * figure: CPU per page of the workers (their process CPU time) and the machine's load average.
 * Not a test: it prints figures.
 */
public final class ScaleOutBench {

    private static final int IN_FLIGHT_PER_WORKER = 16;

    private ScaleOutBench() {
    }

    record Run(int workers, int ceiling, long pages, double seconds, double cpuMsPerPage, int busiestSecond, double load) {
        double pagesPerSecond() {
            return pages / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        double sideKm = args.length > 0 ? Double.parseDouble(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path jar = RemotePartitioningIntegrationTests.execJar();
        try (RedisServerProcess redis = RedisServerProcess.start();
             DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.1)
                     .homePageBytes(5_000).channelPageBytes(5_000));
             ThrowawayDatabase db = ThrowawayDatabase.create("bench_scale_out")) {
            TestGrid.migrate(db);
            TestGrid.writeSquare(db, 8, sideKm);
            CrashRestartIntegrationTests.warmUp(upstream.baseUrl());
            upstream.faults().set(FaultTarget.ALL, FaultSettings.none().withLatencyMs(latencyMs));
            long cells = Sql.number(db, "SELECT COUNT(*) FROM grid_cell");
            System.out.printf(Locale.ROOT, "bench: %,d res-8 cells (a %.0f km square), upstream +%d ms per answer, ~5 KB pages, "
                    + "%d requests in flight per worker%n", cells, sideKm, latencyMs, IN_FLIGHT_PER_WORKER);

            int generation = 0;
            // warm-up: the upstream builds its catalogs, the JITs compile (not measured)
            run(jar, db, redis, upstream, 1, 100_000, "w" + generation++);
            List<Run> above = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (int workers = 1; workers <= 3; workers++) {
                    above.add(run(jar, db, redis, upstream, workers, 100_000, "a" + generation++));
                }
            }
            double oneWorker = best(above, 1);
            int ceiling = (int) Math.max(20, Math.round(0.5 * best(above, 3) / 10) * 10);
            List<Run> below = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                below.add(run(jar, db, redis, upstream, 3, ceiling, "b" + generation++));
            }
            report(above, below, oneWorker, ceiling);
        }
    }

    private static double best(List<Run> runs, int workers) {
        return runs.stream().filter(r -> r.workers() == workers).mapToDouble(Run::pagesPerSecond).max().orElse(0);
    }

    /** One run of a new generation with {@code workers} fresh serve processes, the manager in this JVM. */
    private static Run run(Path jar, ThrowawayDatabase db, RedisServerProcess redis, DemoUpstream upstream, int workers,
                           int ceiling, String generation) throws Exception {
        try (UpstreamProxy proxy = new UpstreamProxy(upstream.baseUrl())) {
            List<String> common = WorkerCli.arguments(db, redis.hostAndPort(), "scale", proxy.baseUrl(),
                    "--rps", String.valueOf(ceiling), "--concurrency", String.valueOf(IN_FLIGHT_PER_WORKER * workers),
                    "--hexsnap.worker.remote.poll-interval=200ms", "--hexsnap.worker.job.grid-size=6",
                    "--hexsnap.worker.job.partition-threads=2", "--hexsnap.worker.job.cell-chunk-size=20",
                    "--hexsnap.worker.job.page-size=500", "--hexsnap.worker.progress.interval=2s",
                    "--hexsnap.worker.progress.stale-after=60s", "--hexsnap.worker.snapshot.ttl=1h",
                    "--hexsnap.redis.connect-timeout=20s", "--hexsnap.redis.command-timeout=20s");
            List<Process> serving = new ArrayList<>();
            try {
                for (int i = 0; i < workers; i++) {
                    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                            "-Xmx512m", "-Djava.io.tmpdir=" + new File("target").getAbsolutePath(), "-jar", jar.toString(), "serve"));
                    command.addAll(common);
                    Path log = Path.of("target", "bench-scale-out-worker-" + i + ".log");
                    serving.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
                }
                awaitServing(serving, workers);
                Map<Long, Duration> cpuBefore = cpu(serving);
                WorkerCli.Result result = new WorkerCli(common).run("run", "--remote", "--generation", generation,
                        "--resolutions", "8", "--date", LocalDate.of(2026, 11, 23).toString());
                if (result.exit() != 0) {
                    throw new IllegalStateException("the run failed: " + result.out() + result.err());
                }
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                Map<Long, Duration> cpuAfter = cpu(serving);
                long pages = Sql.number(db, "SELECT pages FROM worker_generation WHERE generation = '" + generation + "'");
                // the crawl itself: from the first page requested to the last one arriving (prepare and publish apart)
                double seconds = proxy.spanSeconds();
                double cpuMs = cpuAfter.entrySet().stream()
                        .mapToLong(e -> e.getValue().minus(cpuBefore.getOrDefault(e.getKey(), Duration.ZERO)).toMillis()).sum();
                Run run = new Run(workers, ceiling, pages, seconds, cpuMs / pages, proxy.busiestSecond(), load);
                System.out.printf(Locale.ROOT, "  %d worker(s), ceiling %,d: %,d pages in %.1f s = %.0f pages/s, %.2f ms CPU/page, "
                                + "busiest second %d, load %.1f%n", workers, ceiling, pages, seconds, run.pagesPerSecond(),
                        run.cpuMsPerPage(), run.busiestSecond(), load);
                return run;
            } finally {
                for (Process p : serving) {
                    p.destroy();
                }
                for (Process p : serving) {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    /** Waits until every worker logged that it serves (its JVM start is not part of the figure). */
    private static void awaitServing(List<Process> serving, int workers) throws Exception {
        Instant deadline = Instant.now().plusSeconds(300);
        for (int i = 0; i < workers; i++) {
            Path log = Path.of("target", "bench-scale-out-worker-" + i + ".log");
            while (!Files.exists(log) || !Files.readString(log).contains("serving partitions")) {
                if (!serving.get(i).isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("worker " + i + " did not start; see " + log);
                }
                Thread.sleep(200);
            }
        }
    }

    private static Map<Long, Duration> cpu(List<Process> processes) {
        Map<Long, Duration> cpu = new TreeMap<>();
        for (Process p : processes) {
            cpu.put(p.pid(), p.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return cpu;
    }

    private static void report(List<Run> above, List<Run> below, double oneWorker, int ceiling) {
        System.out.println();
        System.out.printf(Locale.ROOT, "worker-scale-out (%s, %d cores; load average at the end of each run beside it)%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors());
        System.out.println("  ceiling above demand (100,000 rps; 16 in flight per worker), best of the rounds:");
        for (int workers = 1; workers <= 3; workers++) {
            int w = workers;
            List<Run> runs = above.stream().filter(r -> r.workers() == w).toList();
            double best = best(above, w);
            System.out.printf(Locale.ROOT, "    %d worker(s): %s pages/s -> %.2fx of one (goal %s); CPU/page %s ms; load %s%n", w,
                    join(runs, r -> String.format(Locale.ROOT, "%.0f", r.pagesPerSecond())), best / oneWorker,
                    w == 1 ? "-" : w == 2 ? ">= 1.8x" : ">= 2.5x",
                    join(runs, r -> String.format(Locale.ROOT, "%.2f", r.cpuMsPerPage())),
                    join(runs, r -> String.format(Locale.ROOT, "%.1f", r.load())));
        }
        System.out.printf(Locale.ROOT, "  ceiling below demand (%,d rps, half the best 3-worker rate), 3 workers:%n", ceiling);
        for (Run r : below) {
            System.out.printf(Locale.ROOT, "    %.0f pages/s = %.1f%% of the ceiling (goal within 5%%); busiest second %d (goal <= %d); "
                            + "CPU/page %.2f ms; load %.1f%n", r.pagesPerSecond(), 100.0 * r.pagesPerSecond() / ceiling,
                    r.busiestSecond(), ceiling, r.cpuMsPerPage(), r.load());
        }
    }

    private static String join(List<Run> runs, java.util.function.Function<Run, String> figure) {
        return String.join(" / ", runs.stream().map(figure).toList());
    }
}
