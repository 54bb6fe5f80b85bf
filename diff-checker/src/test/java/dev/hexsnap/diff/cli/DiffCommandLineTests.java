package dev.hexsnap.diff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad command lines are refused before anything starts: one line, exit status 2. */
class DiffCommandLineTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DiffCommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "run --cities 40                | --cities must be within [1, 39], got 40",
            "run --cities many              | --cities must be a whole number, got 'many'",
            "run --threshold 1.5            | --threshold must be within [0.0, 1.0], got 1.5",
            "run --threshold 0              | --threshold must be within (0, 1], got 0",
            "run --slot dusk                | --slot: unknown slot 'dusk'; expected day or night",
            "run --at yesterday             | --at must be an ISO-8601 instant",
            "run --upstream ftp://x         | --upstream must be an http(s) URL",
            "run --generation Bad/Id        | --generation: generation id must be",
            "run --rps 0                    | --rps must be within",
            "run --bogus 1                  | unknown option --bogus",
            "frobnicate                     | unknown command 'frobnicate'; expected one of run, history",
            "history --limit 0              | --limit must be within [1, 10000], got 0",
            "run --hexsnap.diff.sample.cities | --hexsnap.diff.sample.cities needs a value"})
    void badInputIsOneLineAndExitStatusTwo(String args, String message) {
        int status = run(args.trim().split("\\s+"));

        assertThat(status).isEqualTo(2);
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines[0]).contains(message);
        assertThat(lines.length).isLessThanOrEqualTo(2); // the reason, and at most a "Try --help" hint
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpIsAvailableAtEveryLevel() {
        assertThat(run("--help")).isZero();
        assertThat(run("run", "--help")).isZero();
        assertThat(run("history", "--help")).isZero();

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("Usage: hexsnap diff <command>").contains("Usage: hexsnap diff run [options]")
                .contains("--cells-per-city N").contains("Usage: hexsnap diff history [options]");
    }
}
