package dev.hexsnap.worker.cli;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.Command;
import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.Option;
import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.worker.plan.PlanCommand;
import dev.hexsnap.worker.remote.ServeCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./hexsnap worker}: the command line, read by core's CLI before Spring starts, so
 * that {@code --help} and bad usage answer at once. Any {@code --name.with.dots=value}
 * argument is handed to Spring as a property.
 */
public final class WorkerCommandLine {

    private static final Option REDIS = Option.of("redis", "HOST:PORT[,...]", "Redis node(s); default hexsnap.redis.nodes (127.0.0.1:6379)", null);
    private static final Option CLUSTER = Option.flag("cluster", "the Redis nodes form a Redis Cluster");
    private static final Option NAMESPACE = Option.of("namespace", "NS", "key namespace of the snapshots; default hexsnap.redis.namespace (hexsnap)", null);
    private static final Option UPSTREAM = Option.of("upstream", "URL", "page upstream; default hexsnap.worker.upstream.base-url (http://127.0.0.1:8081)", null);
    private static final Option RPS = Option.of("rps", "N", "ceiling on requests per second to the upstream; default hexsnap.worker.upstream.max-requests-per-second (100)", null);
    private static final Option REMOTE = Option.flag("remote", "manage the run: its cell and store partitions go to "
            + "./hexsnap worker serve processes, and the upstream ceilings are shared through Redis");
    private static final Option CONCURRENCY = Option.of("concurrency", "N", "ceiling on requests in flight; default hexsnap.worker.upstream.max-concurrent-requests (16)", null);

    public static final Command COMMAND = Command.named("hexsnap worker",
                    "The nightly crawl: every hot cell's home and channel pages and every open store's pages, gzip-compressed "
                            + "into a new Redis generation, published only when coverage reaches the threshold.")
            .subcommand("run", withCrawlOptions(Command.named("hexsnap worker run",
                            "Crawl a new generation and publish it if coverage reaches the threshold (exit 1 when refused or failed).")
                    .option(Option.of("slot", "day|night", "which content to back up", "day"))
                    .option(Option.of("resolutions", "R[,R...]", "grid resolutions to crawl", "7,8"))
                    .option(Option.of("date", "YYYY-MM-DD", "date whose slot moment is crawled; default today (upstream zone)", null))
                    .option(Option.of("generation", "ID", "generation id; default <yyyyMMdd>-<slot> of the date", null))
                    .option(Option.of("grid-build", "ID", "grid build to crawl; default the current one", null))
                    .option(Option.flag("at-now-anyway", "with a contract that cannot ask for another moment (supports-moment: "
                            + "false), crawl even outside the slot's hours"))
                    .option(REMOTE))
                    .epilogue("""
                            Examples:
                              ./hexsnap worker run --slot day
                              ./hexsnap worker run --slot night --resolutions 8 --upstream http://pages.internal:8080
                            Any Spring property may follow as --name=value, e.g. --hexsnap.worker.job.grid-size=8.
                            See docs/snapshot-worker.md for every setting."""))
            .subcommand("serve", withCrawlOptions(Command.named("hexsnap worker serve",
                            "Take partitions of remote runs (run --remote) until stopped: any number of these, on any host that "
                            + "reaches MySQL, Redis and the upstream.")
                    .option(Option.of("partitions", "N", "partitions run at once; default hexsnap.worker.job.partition-threads (4)", null)))
                    .epilogue("""
                            Partitions come from a queue in the job database; the upstream ceilings (--rps, --concurrency)
                            are shared by every process of the run through Redis, so give every process the same values.
                            SIGTERM: no new partition is taken, running ones get 20 s to finish; a worker killed outright
                            has its partitions taken over by the others once its lease is older than progress.stale-after.
                            Example:
                              ./hexsnap worker serve --upstream http://pages.internal:8080 --rps 300"""))
            .subcommand("plan", withCrawlOptions(Command.named("hexsnap worker plan",
                            "Expected pages, bytes, Redis memory and crawl time of a run, from the last run's measured figures "
                            + "and the ceilings, and whether it fits the crawl window (exit 1 when it does not).")
                    .option(Option.of("cells", "N", "hot cells to crawl; default the current grid's at the last run's resolutions", null))
                    .option(Option.of("stores", "N", "open stores; default the last run's, scaled by cells", null))
                    .option(Option.of("workers", "N", "worker processes (serve)", "1"))
                    .option(Option.of("slot", "day|night", "measure the last run of this slot; default the last run", null)))
                    .epilogue("""
                            Example (the national grid, see docs/operations.md):
                              ./hexsnap worker plan --cells 1300000 --stores 1200000 --workers 4 --rps 2000"""))
            .subcommand("restart", withCrawlOptions(Command.named("hexsnap worker restart",
                            "Finish the last failed, stopped or crashed run (a crashed one is recovered first); finished chunks are not redone.")
                    .option(Option.of("generation", "ID", "the generation whose run to finish; default the one worked on last", null))
                    .option(Option.of("slot", "SLOT", "day or night: finish the last run of this slot (when no --generation)", null))
                    .option(REMOTE)))
            .subcommand("rerun-failures", withCrawlOptions(Command.named("hexsnap worker rerun-failures",
                            "Crawl again only the recorded failures of a finished generation, into it, and evaluate it again.")
                    .option(Option.required("generation", "ID", "the generation to heal"))))
            .subcommand("recrawl-stores", withCrawlOptions(Command.named("hexsnap worker recrawl-stores",
                            "Crawl again the stores the diff-checker asked for (store_recrawl_request) into the generation the slot serves.")
                    .option(Option.of("slot", "day|night", "the slot whose served generation is rewritten; takes the requests "
                            + "of diff runs of this slot and those made by hand", "day"))
                    .option(Option.of("limit", "N", "at most N requests (oldest first)", RecrawlStoresCommand.DEFAULT_LIMIT)))
                    .epilogue("""
                            Each store taken: category tree and first product pages of every leaf, checked as the nightly
                            store step checks them, written over the store's entries (closed stores are skipped, a store
                            with a failed page keeps its entries). Requests end DONE or FAILED; concurrent runs never take
                            the same request. Schedule it after ./hexsnap diff run (deploy/nightly does).
                            Example:
                              ./hexsnap worker recrawl-stores --slot day --limit 200"""))
            .subcommand("generations", withRedisOptions(Command.named("hexsnap worker generations",
                            "List the generations: state, which one each slot serves, coverage, size, failures.")
                    .option(Option.of("slot", "day|night", "only this slot", null))
                    .option(Option.of("limit", "N", "newest N", "30"))))
            .subcommand("failures", withRedisOptions(Command.named("hexsnap worker failures",
                            "List the open failures of a generation (target, page, error, attempts).")
                    .option(Option.required("generation", "ID", "the generation"))
                    .option(Option.of("limit", "N", "at most N rows", "50"))))
            .subcommand("rollback", withRedisOptions(Command.named("hexsnap worker rollback",
                            "Serve the previous generation of a slot again (atomic; roll back again to undo).")
                    .option(Option.required("slot", "day|night", "the slot to roll back"))))
            .subcommand("show", withRedisOptions(Command.named("hexsnap worker show",
                            "Decode one stored entry: its metadata and the head of its JSON.")
                    .option(Option.required("generation", "ID|current|previous", "the generation (current/previous need --slot)"))
                    .option(Option.of("slot", "day|night", "slot for current/previous", "day"))
                    .option(Option.required("key", "PATH", "home:<res>:<cell>, channel:<channel>:<res>:<cell>, "
                            + "store:<id>:categories or store:<id>:products:<category>:<page>"))
                    .option(Option.of("lines", "N", "lines of pretty JSON to print", "40"))))
            .subcommand("status", withRedisOptions(Command.named("hexsnap worker status",
                    "What each slot serves, and the last run: running or not, progress, failures, verdict.")));

    private WorkerCommandLine() {
    }

    private static Command withRedisOptions(Command command) {
        return command.option(REDIS).option(CLUSTER).option(NAMESPACE);
    }

    private static Command withCrawlOptions(Command command) {
        return withRedisOptions(command).option(UPSTREAM).option(RPS).option(CONCURRENCY);
    }

    /** Parses, starts Spring for a valid command, runs it, and returns the exit status. */
    public static int execute(String[] args, Class<?> application, PrintStream out, PrintStream err) {
        return CommandLineProgram.execute(COMMAND, args, arguments -> {
            if ("recrawl-stores".equals(arguments.subcommand())) {
                RecrawlStoresCommand.validate(arguments); // bad usage answers before Spring, MySQL or Redis
            }
            if ("plan".equals(arguments.subcommand())) {
                PlanCommand.validate(arguments);
            }
            // An option (--rps 50) wins over the same property given as --name=value.
            SpringApplication app = new SpringApplication(application);
            app.setRegisterShutdownHook(true);
            try (ConfigurableApplicationContext context = app.run(arguments.springArguments(properties(arguments)))) {
                if ("recrawl-stores".equals(arguments.subcommand())) {
                    return context.getBean(RecrawlStoresCommand.class).execute(arguments, out);
                }
                if ("plan".equals(arguments.subcommand())) {
                    return context.getBean(PlanCommand.class).execute(arguments, out);
                }
                if ("serve".equals(arguments.subcommand())) {
                    return context.getBean(ServeCommand.class).execute(arguments, out);
                }
                return context.getBean(WorkerCommands.class).execute(arguments, out);
            }
        }, out, err);
    }

    /** The properties this command's options stand for. */
    static Map<String, String> properties(Arguments arguments) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (arguments.has("redis")) {
            properties.put("hexsnap.redis.nodes", String.join(",", arguments.getList("redis")));
        }
        if (arguments.flag("cluster")) {
            properties.put("hexsnap.redis.cluster", "true");
        }
        if (arguments.has("namespace")) {
            properties.put("hexsnap.redis.namespace", arguments.get("namespace"));
        }
        if (arguments.has("upstream")) {
            String url = arguments.get("upstream");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new UsageException("--upstream must be an http(s) URL, got '" + url + "'");
            }
            properties.put("hexsnap.worker.upstream.base-url", url);
        }
        if (arguments.has("rps")) {
            properties.put("hexsnap.worker.upstream.max-requests-per-second", String.valueOf(arguments.getInt("rps", 1, 1_000_000)));
        }
        if (arguments.flag("remote")) {
            properties.put("hexsnap.worker.remote.role", "manager");
        }
        if ("serve".equals(arguments.subcommand())) {
            properties.put("hexsnap.worker.remote.role", "worker");
            if (arguments.has("partitions")) {
                properties.put("hexsnap.worker.job.partition-threads", String.valueOf(arguments.getInt("partitions", 1, 1_000)));
            }
        }
        if (arguments.has("concurrency")) {
            properties.put("hexsnap.worker.upstream.max-concurrent-requests", String.valueOf(arguments.getInt("concurrency", 1, 10_000)));
        }
        return properties;
    }
}
