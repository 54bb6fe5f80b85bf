package dev.hexsnap.grid;

import dev.hexsnap.grid.cli.GridCommandLine;
import dev.hexsnap.testsupport.ThrowawayDatabase;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code hexsnap grid} in this JVM against a throw-away database, as an operator would. */
public final class GridCli {

    private final ThrowawayDatabase database;

    public GridCli(ThrowawayDatabase database) {
        this.database = database;
    }

    /** What a run printed and returned. */
    public record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(database.springArguments()));
        int status = new GridCommandLine(GridBuilderApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
