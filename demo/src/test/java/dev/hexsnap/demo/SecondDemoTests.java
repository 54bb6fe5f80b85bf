package dev.hexsnap.demo;

import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.demo.pipeline.DemoHomeLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One demo or drill per demo home: a second one, in another process, refuses within 2 s in one
 * line naming what runs and how to stop it, instead of waiting on the embedded MariaDB's lock.
 */
class SecondDemoTests {

    /** The file in which the lock's holder describes itself. */
    static final String RUNNING = "demo.running";

    /** Holds the lock of the home given as argument as a demo serving at fixed URLs, until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            DemoHomeLock lock = DemoHomeLock.acquire(Path.of(args[0]), "demo");
            lock.serving("http://127.0.0.1:18080", "http://127.0.0.1:18081");
            System.out.println("held");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void aSecondProgramOnTheSameHomeSaysInOneLineWhatRunsAndHowToStopIt(@TempDir Path home) throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("held");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int status = execute(new String[]{"drill", "--home", home.toString()}, out, err);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(status).isEqualTo(2);
            assertThat(millis).isLessThan(2000);
            String line = err.toString(StandardCharsets.UTF_8);
            assertThat(line.strip().lines()).hasSize(1);
            assertThat(line).startsWith("hexsnap drill: a hexsnap demo is already running on " + home)
                    .contains("pid " + holder.pid()).contains("fallback API http://127.0.0.1:18080")
                    .contains("demo upstream http://127.0.0.1:18081").contains("'kill " + holder.pid() + "'")
                    .contains("--home DIR").doesNotContain("Exception");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        // The lock went with the process, though its description file stayed: the home is free again.
        assertThat(Files.exists(home.resolve(RUNNING))).isTrue();
        try (DemoHomeLock again = DemoHomeLock.acquire(home, "drill")) {
            assertThat(Files.readString(home.resolve(RUNNING))).contains("command=drill");
        }
        assertThat(Files.exists(home.resolve(RUNNING))).isFalse();
    }

    @Test
    void aSecondLockInTheSameProcessIsRefusedToo(@TempDir Path home) {
        try (DemoHomeLock first = DemoHomeLock.acquire(home, "demo")) {
            assertThatThrownBy(() -> DemoHomeLock.acquire(home, "demo")).isInstanceOf(UsageException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
    }

    static int execute(String[] args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return DemoProgram.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
