package dev.hexsnap.demo.services;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Redis server from the binary embedded-redis ships: no installation needed.
 * Snapshots survive a restart of the demo (an RDB file under {@code home}), so a second run
 * still serves the generation the first published.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedis start(Path home, int port) {
        try {
            Path dir = Files.createDirectories(home.resolve("redis"));
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("dbfilename demo.rdb")
                    .setting("save 60 1")
                    .setting("appendonly no")
                    .onShutdownForceStop(false)
                    .build();
            server.start();
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded Redis did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
