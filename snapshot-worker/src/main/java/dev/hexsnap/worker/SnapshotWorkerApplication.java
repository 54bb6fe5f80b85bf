package dev.hexsnap.worker;

import dev.hexsnap.worker.cli.WorkerCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The snapshot-worker program: {@code java -jar hexsnap-snapshot-worker-*-exec.jar <command>}
 * (what {@code ./hexsnap worker} runs).
 */
@SpringBootApplication
public class SnapshotWorkerApplication {

    public static void main(String[] args) {
        System.exit(WorkerCommandLine.execute(args, SnapshotWorkerApplication.class, System.out, System.err));
    }
}
