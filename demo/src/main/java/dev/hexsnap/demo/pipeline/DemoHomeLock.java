package dev.hexsnap.demo.pipeline;

import dev.hexsnap.core.cli.UsageException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * One demo or drill per demo home at a time. The embedded MariaDB keeps its data under the
 * home, and a second server on the same data directory waits about 30 s on InnoDB's lock and
 * fails with a stack trace; so the first program locks the home (an OS file lock, released
 * when the process ends however it ends) and says what it runs ({@value #RUNNING}: pid,
 * command, start, URLs). A second one refuses at once, in one line naming what runs and how to
 * stop it.
 *
 * <p>Not thread-safe; one per process.
 */
public final class DemoHomeLock implements AutoCloseable {

    static final String LOCK = "demo.lock";
    static final String RUNNING = "demo.running";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Path home;
    private final FileChannel channel;
    private final FileLock lock;
    private final Properties running = new Properties();

    private DemoHomeLock(Path home, FileChannel channel, FileLock lock) {
        this.home = home;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code home} for {@code command} ({@code demo} or {@code drill}).
     *
     * @throws UsageException in one line when another program holds it: what runs, since when,
     *                        where it serves, and how to stop it or run beside it
     */
    public static DemoHomeLock acquire(Path home, String command) {
        FileChannel channel = null;
        try {
            Files.createDirectories(home);
            channel = FileChannel.open(home.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new UsageException(whatRuns(home, command));
            }
            DemoHomeLock held = new DemoHomeLock(home, channel, lock);
            held.running.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
            held.running.setProperty("command", command);
            held.running.setProperty("started", Instant.now().toString());
            held.write();
            return held;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the demo home " + home + ": " + e.getMessage(), e);
        }
    }

    /** Records where the running programs serve, for the message a second program prints. */
    public void serving(String apiUrl, String upstreamUrl) {
        if (apiUrl != null) {
            running.setProperty("api", apiUrl);
        }
        if (upstreamUrl != null) {
            running.setProperty("upstream", upstreamUrl);
        }
        try {
            write();
        } catch (IOException e) {
            // Only the second program's message is poorer for it.
        }
    }

    private void write() throws IOException {
        Path tmp = home.resolve(RUNNING + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            running.store(out, "what the hexsnap demo holding " + LOCK + " runs");
        }
        Files.move(tmp, home.resolve(RUNNING), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String whatRuns(Path home, String command) {
        Properties info = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve(RUNNING), StandardCharsets.UTF_8)) {
            info.load(in);
        } catch (IOException e) {
            // Starting right now, or its file was removed: say what we know.
        }
        String pid = info.getProperty("pid");
        String what = info.getProperty("command", "demo or drill");
        StringBuilder line = new StringBuilder("a hexsnap ").append(what).append(" is already running on ").append(home);
        if (pid != null) {
            line.append(" (pid ").append(pid);
            String started = info.getProperty("started");
            if (started != null) {
                try {
                    line.append(", since ").append(TIME.format(Instant.parse(started)));
                } catch (RuntimeException e) {
                    // An unreadable time is left out.
                }
            }
            line.append(')');
        }
        if (info.getProperty("api") != null) {
            line.append(", fallback API ").append(info.getProperty("api"));
        }
        if (info.getProperty("upstream") != null) {
            line.append(", demo upstream ").append(info.getProperty("upstream"));
        }
        line.append("; stop it with Ctrl-C in its terminal").append(pid != null ? " or 'kill " + pid + "'" : "")
                .append(", then run '").append(command).append("' again, or give this one its own --home DIR");
        return line.toString();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(home.resolve(RUNNING));
            lock.release();
        } catch (IOException e) {
            // The lock goes with the process anyway.
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
