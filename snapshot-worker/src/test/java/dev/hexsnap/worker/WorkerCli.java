package dev.hexsnap.worker;

import dev.hexsnap.worker.cli.WorkerCommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs {@code ./hexsnap worker ...} in-process, as the launcher would, capturing what it prints. */
public final class WorkerCli {

    private final List<String> common;

    public WorkerCli(List<String> common) {
        this.common = List.copyOf(common);
    }

    public record Result(int exit, String out, String err) {
    }

    public Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(common);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WorkerCommandLine.execute(all.toArray(String[]::new), SnapshotWorkerApplication.class,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Result result = new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("$ worker " + String.join(" ", args) + " -> " + exit + "\n" + result.out() + result.err());
        return result;
    }

    /** The arguments pointing a worker at a test's database, Redis namespace and upstream. */
    public static List<String> arguments(dev.hexsnap.testsupport.ThrowawayDatabase db, String redisNodes, String namespace,
                                  String upstream, String... more) {
        List<String> args = new ArrayList<>(Arrays.asList(db.springArguments()));
        args.add("--hexsnap.redis.nodes=" + redisNodes);
        args.add("--hexsnap.redis.namespace=" + namespace);
        args.add("--hexsnap.worker.upstream.base-url=" + upstream);
        args.add("--hexsnap.worker.progress.interval=1s");
        args.add("--hexsnap.worker.progress.stale-after=3s");
        args.add("--hexsnap.worker.upstream.max-requests-per-second=2000");
        args.add("--hexsnap.worker.upstream.max-concurrent-requests=16");
        args.add("--hexsnap.worker.upstream.initial-backoff=20ms");
        args.add("--hexsnap.worker.upstream.max-backoff=200ms");
        args.add("--hexsnap.worker.job.grid-size=3");
        args.add("--hexsnap.worker.job.partition-threads=3");
        args.add("--hexsnap.worker.job.cell-chunk-size=4");
        args.add("--hexsnap.worker.job.store-chunk-size=4");
        args.addAll(Arrays.asList(more));
        return args;
    }
}
