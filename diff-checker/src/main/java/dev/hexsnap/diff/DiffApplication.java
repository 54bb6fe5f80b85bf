package dev.hexsnap.diff;

import dev.hexsnap.diff.cli.DiffCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code hexsnap diff}: how faithful the published snapshots are, what they cost per
 * resolution, and which resolution to run. See {@link DiffCommandLine} for the commands.
 */
@SpringBootApplication
public class DiffApplication {

    public static void main(String[] args) {
        System.exit(DiffCommandLine.run(args, System.out, System.err));
    }
}
