package dev.hexsnap.testsupport;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.UUID;

/**
 * Redis key namespaces of their own for tests that share the machine's Redis
 * ({@code hexsnap.redis.namespace}), and a way to clear one afterwards.
 */
public final class TestNamespaces {

    private TestNamespaces() {
    }

    /** A namespace no other test uses, e.g. {@code it-3f2a9c1d}. */
    public static String fresh() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Deletes every key of a namespace on the shared Redis (entries and control keys). */
    public static void clear(String namespace) {
        clear(TestServices.REDIS, namespace);
    }

    /** Deletes every key of a namespace on a standalone server at {@code host:port}. */
    public static void clear(String hostAndPort, String namespace) {
        RedisClient client = RedisClient.create("redis://" + hostAndPort);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            for (String pattern : new String[]{namespace + ":*", "{" + namespace + "}:*"}) {
                ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
                KeyScanCursor<String> cursor = redis.scan(args);
                while (true) {
                    if (!cursor.getKeys().isEmpty()) {
                        redis.unlink(cursor.getKeys().toArray(String[]::new));
                    }
                    if (cursor.isFinished()) {
                        break;
                    }
                    cursor = redis.scan(ScanCursor.of(cursor.getCursor()), args);
                }
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
