package dev.hexsnap.demo.services;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default really serves: SQL on the MariaDB, commands on the Redis. */
class EmbeddedServicesIntegrationTests {

    @Test
    void embeddedMariaDbAndRedisAnswerAndKeepTheirDataAcrossARestart() throws Exception {
        Path home = Path.of("target", "embedded-it-" + java.util.UUID.randomUUID()).toAbsolutePath();
        int dbPort = freePort();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, dbPort)) {
            try (var c = DriverManager.getConnection(db.jdbcUrl("hexsnap"), "root", ""); var s = c.createStatement()) {
                s.execute("create table kept (v int)");
                s.execute("insert into kept values (42)");
            }
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, dbPort);
             var c = DriverManager.getConnection(db.jdbcUrl("hexsnap"), "root", "");
             var rs = c.createStatement().executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }

        // Redis keeps its data across a restart too: a second demo run reuses the published generation.
        int redisPort = freePort();
        try (EmbeddedRedis redis = EmbeddedRedis.start(home, redisPort)) {
            RedisClient client = RedisClient.create("redis://" + redis.hostAndPort());
            try (var connection = client.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
                connection.sync().set("kept", "42");
            } finally {
                client.shutdown();
            }
        }
        try (EmbeddedRedis redis = EmbeddedRedis.start(home, redisPort)) {
            RedisClient client = RedisClient.create("redis://" + redis.hostAndPort());
            try (var connection = client.connect()) {
                assertThat(connection.sync().get("kept")).isEqualTo("42");
            } finally {
                client.shutdown();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
