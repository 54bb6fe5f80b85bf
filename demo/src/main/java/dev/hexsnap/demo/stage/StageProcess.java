package dev.hexsnap.demo.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One stage program running as a child process of the demo, with the same JVM as the demo.
 * Batch stages ({@link #run}) show their own progress and summary on the console; servers
 * ({@link #serve}) write to a log file and are stopped with the demo.
 */
public final class StageProcess implements AutoCloseable {

    private final Stage stage;
    private final Process process;
    private final Path log;

    private StageProcess(Stage stage, Process process, Path log) {
        this.stage = stage;
        this.process = process;
        this.log = log;
    }

    /**
     * Runs a batch stage to its end, its output on the console.
     *
     * @return the exit status
     */
    public static int run(StageLauncher launcher, Stage stage, List<String> args, Duration limit) {
        ProcessBuilder builder = launcher.builder(stage, args).inheritIO();
        try {
            Process process = builder.start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                throw new IllegalStateException("hexsnap " + stage.command() + " did not finish within " + limit);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start hexsnap " + stage.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hexsnap " + stage.command() + " ran", e);
        }
    }

    /**
     * Starts a server stage and waits until {@code ready} answers 2xx.
     *
     * @param log where its output goes
     */
    public static StageProcess serve(StageLauncher launcher, Stage stage, List<String> args, Path log,
                                     URI ready, Duration limit) {
        try {
            Files.createDirectories(log.getParent());
            Process process = launcher.builder(stage, args)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            StageProcess server = new StageProcess(stage, process, log);
            server.awaitReady(ready, limit);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start hexsnap " + stage.command(), e);
        }
    }

    private void awaitReady(URI ready, Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hexsnap " + stage.command() + " exited with status "
                        + process.exitValue() + " while starting; see " + log + ":\n" + tail(12));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("hexsnap " + stage.command() + " did not answer " + ready + " within " + limit
                + "; see " + log);
    }

    /** The last lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 15 s). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How stage programs are started: which java, which repository, which environment (the
     * database, Redis and tokens every stage shares).
     */
    public record StageLauncher(Path root, Path tmp, Map<String, String> environment) {

        ProcessBuilder builder(Stage stage, List<String> args) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            // H3 extracts its JNI library into java.io.tmpdir: a folder of ours that allows execution.
            command.add("-Djava.io.tmpdir=" + tmp);
            command.add("-jar");
            command.add(stage.jar(root).toString());
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
            builder.environment().putAll(environment);
            return builder;
        }
    }
}
