package dev.hexsnap.api.source;

import dev.hexsnap.core.snapshot.SnapshotEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The gzip bodies of the hot entries as files, so that Tomcat sends them with the kernel's
 * {@code sendfile}: the body is then copied neither into Tomcat's socket buffer nor from the JVM
 * into the kernel, which measured about a fifth of the API's CPU per answer (nginx serves its
 * static files the same way).
 *
 * <p>Only entries the {@link HotEntryCache} holds have a file: it {@linkplain #register registers}
 * an entry when it takes it and {@linkplain #release releases} it when the entry leaves (evicted,
 * or the cache emptied on a generation change). A body is written on its first gzip answer, once
 * per entry object, under a name of its own; a released file is deleted after {@code grace}, long
 * enough for answers that were handed it to have opened it (an open file outlives its deletion).
 * The files live in a directory of this process's own, deleted on {@link #close} (or by the next
 * API started on the machine, if this one was killed). Thread-safe.
 */
public final class BodyFiles implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BodyFiles.class);
    private static final String PREFIX = "hexsnap-api-bodies-";

    /** An entry's file, written on first use. */
    private static final class BodyFile {
        Path path;
    }

    private final Path directory;
    private final Duration grace;
    /** Keyed by entry identity: SnapshotEntry does not override equals. */
    private final ConcurrentHashMap<SnapshotEntry, BodyFile> files = new ConcurrentHashMap<>();
    private final AtomicLong names = new AtomicLong();
    private final ScheduledExecutorService deleter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hexsnap-body-files");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean writeFailed;

    private BodyFiles(Path directory, Duration grace) {
        this.directory = directory;
        this.grace = grace;
    }

    /**
     * Body files in a new directory under {@code parent}, deleted {@code grace} after their entry is
     * released. The directory is named after this process; those of processes that are gone (killed
     * before they could delete theirs) are deleted first.
     */
    public static BodyFiles under(Path parent, Duration grace) throws IOException {
        Files.createDirectories(parent);
        deleteLeftovers(parent);
        long pid = ProcessHandle.current().pid();
        return new BodyFiles(Files.createTempDirectory(parent, PREFIX + pid + "-"), grace);
    }

    /** Directories {@code hexsnap-api-bodies-<pid>-*} whose process is no longer alive. */
    static void deleteLeftovers(Path parent) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> list = Files.list(parent)) {
            leftovers = list.filter(Files::isDirectory).filter(dir -> {
                String name = dir.getFileName().toString();
                if (!name.startsWith(PREFIX)) {
                    return false;
                }
                String rest = name.substring(PREFIX.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
                } catch (NumberFormatException e) {
                    return false;
                }
            }).toList();
        }
        for (Path dir : leftovers) {
            log.info("deleting body files left by a process that is gone: {}", dir);
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(BodyFiles::delete);
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", dir, e.toString());
        }
    }

    public Path directory() {
        return directory;
    }

    /** Files written and not yet deleted. */
    public long fileCount() throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.count();
        }
    }

    void register(SnapshotEntry entry) {
        files.putIfAbsent(entry, new BodyFile());
    }

    void release(SnapshotEntry entry) {
        BodyFile file = files.remove(entry);
        if (file != null && file.path != null) {
            Path path = file.path;
            deleter.schedule(() -> delete(path), grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The file holding the entry's gzip body, written now if it was not yet; null when the entry
     * is not (or no longer) held by the hot cache, or the file cannot be written: then the caller
     * writes the body from memory.
     */
    public Path fileFor(SnapshotEntry entry) {
        // computeIfPresent is atomic with release's remove: a file is never written for an entry
        // already released, where nothing would delete it.
        BodyFile file = files.computeIfPresent(entry, (e, f) -> {
            if (f.path == null && !writeFailed) {
                f.path = write(e);
            }
            return f;
        });
        return file == null ? null : file.path;
    }

    private Path write(SnapshotEntry entry) {
        Path path = directory.resolve(names.incrementAndGet() + ".gz");
        try (OutputStream out = Files.newOutputStream(path)) {
            entry.writeGzipTo(out);
            return path;
        } catch (IOException e) {
            // Disk full or the directory gone: answers are written from memory from now on.
            writeFailed = true;
            log.warn("cannot write body files under {} ({}); gzip bodies are sent from memory from now on", directory, e.toString());
            delete(path);
            return null;
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", path, e.toString());
        }
    }

    @Override
    public void close() {
        deleter.shutdownNow();
        files.clear();
        deleteTree(directory);
    }
}
