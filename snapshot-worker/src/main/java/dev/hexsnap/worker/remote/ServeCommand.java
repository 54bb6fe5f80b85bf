package dev.hexsnap.worker.remote;

import dev.hexsnap.core.cli.Arguments;
import org.springframework.beans.factory.ObjectProvider;

import java.io.PrintStream;

/**
 * {@code ./hexsnap worker serve}: takes partitions of remote runs until stopped (SIGTERM or
 * Ctrl-C: running partitions get {@link RemotePartitioningConfiguration#DRAIN} to finish).
 */
public final class ServeCommand {

    private final ObjectProvider<PartitionServer> server;

    ServeCommand(ObjectProvider<PartitionServer> server) {
        this.server = server;
    }

    public int execute(Arguments arguments, PrintStream out) throws InterruptedException {
        PartitionServer partitionServer = server.getObject();
        long served = partitionServer.serve();
        out.println("stopped after taking " + served + " partition(s)");
        return 0;
    }
}
