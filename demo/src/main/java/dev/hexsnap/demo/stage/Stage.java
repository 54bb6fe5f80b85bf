package dev.hexsnap.demo.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A pipeline stage and the module whose executable jar runs it.
 */
public enum Stage {
    GRID("grid", "grid-builder"),
    UPSTREAM("upstream", "demo-upstream"),
    WORKER("worker", "snapshot-worker"),
    API("api", "fallback-api"),
    DIFF("diff", "diff-checker");

    private final String command;
    private final String module;

    Stage(String command, String module) {
        this.command = command;
        this.module = module;
    }

    /** The launcher's word for it, e.g. {@code worker}. */
    public String command() {
        return command;
    }

    /**
     * The stage's executable jar under the repository root ({@code <module>/target/*-exec.jar}).
     *
     * @throws IllegalStateException when it has not been built
     */
    public Path jar(Path root) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(module + " is not built (no " + module
                            + "/target/*-exec.jar); run './hexsnap build'"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
