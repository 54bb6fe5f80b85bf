package dev.hexsnap.grid;

import dev.hexsnap.grid.cli.GridCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code ./hexsnap grid}: the command line is parsed first (help and usage errors are
 * instant and need no database), then Spring starts with the database for the command.
 */
@SpringBootApplication
public class GridBuilderApplication {

    public static void main(String[] args) {
        GridCommandLine cli = new GridCommandLine(GridBuilderApplication.class, System.out, System.err);
        int status = cli.run(args);
        if (!cli.interrupted()) {
            // An interrupted run ends through the JVM's shutdown (exit status 130 on Ctrl-C);
            // calling exit from here then would block that shutdown.
            System.exit(status);
        }
    }
}
