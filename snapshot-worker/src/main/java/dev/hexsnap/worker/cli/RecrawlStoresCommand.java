package dev.hexsnap.worker.cli;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.worker.entries.Throughput;
import dev.hexsnap.worker.progress.HumanFormat;
import dev.hexsnap.worker.recrawl.RecrawlControl;
import dev.hexsnap.worker.recrawl.RecrawlQueue;
import dev.hexsnap.core.upstream.UpstreamClient;
import org.springframework.beans.factory.ObjectProvider;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code ./hexsnap worker recrawl-stores}: takes the pending store re-crawl requests of a slot,
 * crawls those stores again into the generation the slot serves, and prints what became of each
 * request. Exit 0 when every store taken was re-crawled (or skipped as closed, or there was
 * nothing to do), 1 when a store failed or the run stopped (the requests it did not finish are
 * PENDING again: run the command again once the cause is gone).
 */
public final class RecrawlStoresCommand {

    /** Default of {@code --limit}. */
    public static final String DEFAULT_LIMIT = "1000";
    private static final int MAX_LIMIT = 100_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ObjectProvider<RecrawlControl> control;
    private final UpstreamClient upstream;
    private final Throughput throughput;
    private final ZoneId zone;

    public RecrawlStoresCommand(ObjectProvider<RecrawlControl> control, UpstreamClient upstream, Throughput throughput, ZoneId zone) {
        this.control = control;
        this.upstream = upstream;
        this.throughput = throughput;
        this.zone = zone;
    }

    /** Checks the options before anything starts. */
    static void validate(Arguments arguments) {
        slot(arguments);
        limit(arguments);
    }

    static Slot slot(Arguments arguments) {
        String id = arguments.require("slot");
        try {
            return Slot.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--slot must be day or night, got '" + id + "'");
        }
    }

    static int limit(Arguments arguments) {
        return arguments.getInt("limit", 1, MAX_LIMIT);
    }

    public int execute(Arguments arguments, PrintStream out) throws Exception {
        Slot slot = slot(arguments);
        int limit = limit(arguments);
        long pagesBefore = throughput.pages();
        long storedBefore = throughput.storedBytes();
        RecrawlControl.Outcome outcome = control.getObject().recrawl(slot, limit);
        RecrawlControl.Plan plan = outcome.plan();
        if (plan.released() > 0) {
            out.println(plan.released() + " request(s) held by a run that stopped beating are pending again");
        }
        if (outcome.status() == null) {
            out.println("no pending store re-crawl request for the " + slot.id() + " slot: nothing to do");
            return CommandLineProgram.OK;
        }
        out.println("re-crawled stores into generation " + plan.generation() + " (" + slot.id() + " slot), pages as of "
                + TIME.format(plan.at().atZone(zone)) + " " + zone.getId() + "; " + plan.pending() + " request(s) were pending, "
                + "up to " + plan.limit() + " taken");
        out.println();
        int done = 0;
        int failed = 0;
        int other = 0;
        if (outcome.requests().isEmpty()) {
            out.println("no request was left to take (another run took them first)");
        } else {
            TextTable table = new TextTable("REQUEST", "STORE", "ASKED BY", "ASKED", "TRIES", "STATUS", "PAGES", "RESULT")
                    .alignRight(0, 4, 6);
            for (RecrawlQueue.Request r : outcome.requests()) {
                switch (r.status()) {
                    case RecrawlQueue.DONE -> done++;
                    case RecrawlQueue.FAILED -> failed++;
                    default -> other++;
                }
                String result = r.result() == null ? (RecrawlQueue.PENDING.equals(r.status()) ? "not finished: pending again" : null)
                        : r.result().length() > 100 ? r.result().substring(0, 99) + "…" : r.result();
                table.row(r.id(), r.storeId(), r.diffRunId() == null ? "hand" : "diff #" + r.diffRunId(),
                        TIME.format(r.requestedAt().atZone(zone)), r.attempts(), r.status(), r.pages(), result);
            }
            table.print(out);
        }
        out.println();
        UpstreamClient.Stats stats = upstream.stats();
        out.printf(Locale.ROOT, "%d request(s): %d done, %d failed%s; %s pages written (%s) in %s%n", outcome.requests().size(), done,
                failed, other > 0 ? ", " + other + " not finished (pending again)" : "",
                HumanFormat.count(throughput.pages() - pagesBefore), HumanFormat.bytes(throughput.storedBytes() - storedBefore),
                String.format(Locale.ROOT, "%.1f s", outcome.took().toMillis() / 1000.0));
        out.printf(Locale.ROOT, "upstream: %s requests (%s retries), busiest second %d (ceiling %d), peak in flight %d (ceiling %d)%n",
                HumanFormat.count(stats.requests()), HumanFormat.count(stats.retries()), stats.busiestSecond(),
                upstream.gate().observed().requestsPerSecond(), stats.peakInFlight(), upstream.gate().observed().maxConcurrent());
        if (outcome.failure() != null) {
            out.println("the re-crawl stopped (" + outcome.status() + "): " + outcome.failure()
                    + "; run ./hexsnap worker recrawl-stores again once the cause is gone");
        } else if (failed > 0) {
            out.println(failed + " store(s) failed and keep their stored pages; the next diff asks again if they still differ");
        }
        return outcome.succeeded() ? CommandLineProgram.OK : CommandLineProgram.FAILED;
    }
}
