package dev.hexsnap.core.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTests {

    private final Command run = Command.named("hexsnap thing run", "Runs the thing.")
            .option(Option.required("points", "FILE", "input"))
            .option(Option.of("min-count", "N", "threshold", "1"))
            .option(Option.flag("quiet", "no progress"));
    private final Command thing = Command.named("hexsnap thing", "The thing.").subcommand("run", run);

    @Test
    void optionsFlagsDefaultsAndPropertiesAreParsed() {
        Arguments args = thing.parse("run", "--points=in.csv", "--quiet", "--spring.datasource.url=jdbc:mysql://db/x");

        assertThat(args.subcommand()).isEqualTo("run");
        assertThat(args.require("points")).isEqualTo("in.csv");
        assertThat(args.getInt("min-count", 0, 10)).isEqualTo(1);
        assertThat(args.flag("quiet")).isTrue();
        assertThat(args.springArguments()).containsExactly("--spring.datasource.url=jdbc:mysql://db/x");
    }

    @Test
    void propertiesMayPrecedeTheCommandWord() {
        Arguments args = thing.parse("--spring.datasource.url=x", "run", "--points", "p");

        assertThat(args.subcommand()).isEqualTo("run");
        assertThat(args.properties()).containsEntry("spring.datasource.url", "x");
        assertThat(thing.parse("--spring.datasource.url=x").helpRequested()).isTrue();
    }

    @Test
    void aSettingDerivedFromAnOptionWinsOverTheSamePropertyGivenDirectly() {
        Arguments args = thing.parse("run", "--points=p", "--server.port=1", "--logging.level.root=WARN");

        assertThat(args.springArguments(java.util.Map.of("server.port", "9000")))
                .containsExactly("--server.port=9000", "--logging.level.root=WARN");
    }

    @Test
    void badUsageIsReportedInOneReadableLine() {
        assertThatThrownBy(() -> thing.parse("walk")).hasMessageContaining("unknown command 'walk'").hasMessageContaining("run");
        assertThatThrownBy(() -> thing.parse("run")).hasMessage("missing --points FILE");
        assertThatThrownBy(() -> thing.parse("run", "--points", "a", "--nope")).hasMessage("unknown option --nope");
        assertThatThrownBy(() -> thing.parse("run", "--points")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> thing.parse("run", "--points", "a", "--spring.x")).hasMessageContaining("--spring.x=VALUE");
        Arguments args = thing.parse("run", "--points", "a", "--min-count", "x");
        assertThatThrownBy(() -> args.getInt("min-count", 0, 10)).hasMessageContaining("whole number");
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        Command c = Command.named("c", "c").option(Option.of("budget", "D", "time", "90m"));

        assertThat(c.parse().getDuration("budget")).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.parse("--budget", "PT2S").getDuration("budget")).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.parse("--budget", "250ms").getDuration("budget")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> c.parse("--budget", "soon").getDuration("budget")).isInstanceOf(UsageException.class);
    }

    @Test
    void theProgramRunnerPrintsHelpAndMapsFailuresToExitCodes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(CommandLineProgram.execute(thing, new String[]{"--help"}, a -> 0, o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: hexsnap thing <command>").contains("run");
        assertThat(CommandLineProgram.execute(thing, new String[]{"run"}, a -> 0, o, e)).isEqualTo(CommandLineProgram.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("hexsnap thing: missing --points FILE");
        int failed = CommandLineProgram.execute(thing, new String[]{"run", "--points", "p"}, a -> {
            throw new IllegalStateException("wrapper", new java.io.IOException("disk full"));
        }, o, e);
        assertThat(failed).isEqualTo(CommandLineProgram.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("failed: disk full").doesNotContain("at dev.hexsnap");
    }
}
