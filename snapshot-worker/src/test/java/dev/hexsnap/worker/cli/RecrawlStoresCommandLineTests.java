package dev.hexsnap.worker.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code worker recrawl-stores} usage, checked before Spring starts: no database, Redis or upstream needed. */
class RecrawlStoresCommandLineTests {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Object.class as the application: reaching Spring would fail loudly, so these prove nothing starts.
        int exit = WorkerCommandLine.execute(args, Object.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandIsListedAndHasItsOwnHelp() {
        assertThat(run("--help").out()).contains("recrawl-stores");

        Result help = run("recrawl-stores", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: hexsnap worker recrawl-stores", "--slot day|night", "(default: day)",
                "--limit N", "(default: 1000)", "--upstream", "--rps", "--concurrency", "store_recrawl_request");
    }

    @Test
    void aSlotThatDoesNotExistIsOneLineAndExitStatusTwo() {
        Result result = run("recrawl-stores", "--slot", "dusk");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines()).containsExactly("hexsnap worker recrawl-stores: --slot must be day or night, got 'dusk'");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aLimitOutsideItsRangeIsOneLineAndExitStatusTwo() {
        for (String limit : new String[]{"0", "-3", "100001", "many"}) {
            Result result = run("recrawl-stores", "--limit", limit);

            assertThat(result.exit()).as(limit).isEqualTo(2);
            assertThat(result.err().lines()).as(limit).hasSize(1).first().asString()
                    .startsWith("hexsnap worker recrawl-stores: --limit must be");
        }
    }

    @Test
    void anUnknownOptionNamesItAndPointsAtHelp() {
        Result result = run("recrawl-stores", "--stores", "s-1");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("unknown option --stores", "--help").doesNotContain("Exception");
    }
}
