package dev.hexsnap.diff.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Launches a configured shell command in the background, e.g.
 * {@code ./hexsnap worker recrawl}, with {@code HEXSNAP_RECRAWL_RUN_ID} and
 * {@code HEXSNAP_RECRAWL_STORES} (comma-separated) in its environment and its output in a log
 * file. The diff does not wait for it: a re-crawl takes as long as it takes.
 */
public final class CommandRecrawlLauncher implements RecrawlLauncher {

    private final String command;
    private final Path log;

    public CommandRecrawlLauncher(String command, Path log) {
        this.command = command;
        this.log = log;
    }

    @Override
    public String launch(long diffRunId, List<String> storeIds) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("HEXSNAP_RECRAWL_RUN_ID", Long.toString(diffRunId));
            builder.environment().put("HEXSNAP_RECRAWL_STORES", String.join(",", storeIds));
            Process process = builder.start();
            return "launched '" + command + "' (pid " + process.pid() + ", output in " + log.getFileName() + ")";
        } catch (IOException e) {
            return "could not launch '" + command + "': " + e.getMessage();
        }
    }
}
