package dev.hexsnap.core.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One Redis deployment (a standalone server or a Redis Cluster) seen through the few
 * commands hexsnap needs, with string keys and binary values.
 *
 * <p>Thread-safe: all callers share one multiplexed connection, as Lettuce intends. Bulk
 * writers take a {@link #openPipeline() pipeline} of their own, whose commands are sent in
 * batches. Cluster specifics are Lettuce's: multi-key reads are split per slot, and scans
 * visit every master. Close it to release the client's threads.
 */
public final class RedisKeyValue implements AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisSettings settings;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, byte[]> connection;
    private final RedisClusterAsyncCommands<String, byte[]> commands;

    private RedisKeyValue(RedisSettings settings, AbstractRedisClient client,
                          StatefulConnection<String, byte[]> connection,
                          RedisClusterAsyncCommands<String, byte[]> commands) {
        this.settings = settings;
        this.client = client;
        this.connection = connection;
        this.commands = commands;
    }

    /**
     * Connects to the deployment {@code settings} describe. Fails with a
     * {@link io.lettuce.core.RedisConnectionException} when no node answers.
     */
    public static RedisKeyValue connect(RedisSettings settings) {
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.connectTimeout()).build();
        ClientOptions.DisconnectedBehavior whenDown = settings.failFastWhenDisconnected()
                ? ClientOptions.DisconnectedBehavior.REJECT_COMMANDS
                : ClientOptions.DisconnectedBehavior.DEFAULT;
        List<RedisURI> uris = settings.nodes().stream().map(node -> uri(settings, node)).toList();
        if (settings.cluster()) {
            RedisClusterClient client = RedisClusterClient.create(uris);
            client.setOptions(ClusterClientOptions.builder()
                    .socketOptions(socket)
                    .disconnectedBehavior(whenDown)
                    .requestQueueSize(settings.requestQueueSize())
                    .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .build())
                    .build());
            try {
                StatefulRedisClusterConnection<String, byte[]> connection = client.connect(CODEC);
                return new RedisKeyValue(settings, client, connection, connection.async());
            } catch (RuntimeException e) {
                client.shutdown();
                throw e;
            }
        }
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .socketOptions(socket)
                .disconnectedBehavior(whenDown)
                .requestQueueSize(settings.requestQueueSize())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        try {
            StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC, uris.getFirst());
            return new RedisKeyValue(settings, client, connection, connection.async());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    private static RedisURI uri(RedisSettings settings, String node) {
        int colon = node.lastIndexOf(':');
        String host = node.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(host)
                .withPort(Integer.parseInt(node.substring(colon + 1)))
                .withTimeout(settings.commandTimeout());
        if (!settings.cluster()) {
            uri.withDatabase(settings.database());
        }
        if (!settings.password().isEmpty()) {
            if (settings.username().isEmpty()) {
                uri.withPassword(settings.password().toCharArray());
            } else {
                uri.withAuthentication(settings.username(), settings.password());
            }
        }
        return uri.build();
    }

    public RedisSettings settings() {
        return settings;
    }

    /** The key prefix of this deployment's hexsnap data, e.g. {@code hexsnap}. */
    public String namespace() {
        return settings.namespace();
    }

    public boolean isCluster() {
        return settings.cluster();
    }

    public RedisFuture<byte[]> get(String key) {
        return commands.get(key);
    }

    /** Values of several keys in one round trip per slot; missing keys come back empty. */
    public RedisFuture<List<KeyValue<String, byte[]>>> mget(List<String> keys) {
        return commands.mget(keys.toArray(String[]::new));
    }

    public RedisFuture<String> set(String key, byte[] value) {
        return commands.set(key, value);
    }

    public RedisFuture<String> set(String key, byte[] value, Duration ttl) {
        return commands.set(key, value, SetArgs.Builder.px(ttl.toMillis()));
    }

    public RedisFuture<Long> hset(String key, Map<String, byte[]> fields) {
        return commands.hset(key, fields);
    }

    public RedisFuture<Map<String, byte[]>> hgetall(String key) {
        return commands.hgetall(key);
    }

    public RedisFuture<Long> del(String... keys) {
        return commands.unlink(keys);
    }

    public RedisFuture<Boolean> expire(String key, Duration ttl) {
        return commands.pexpire(key, ttl.toMillis());
    }

    /** Remaining time to live in milliseconds; -1 without expiry, -2 when the key is absent. */
    public RedisFuture<Long> pttl(String key) {
        return commands.pttl(key);
    }

    /**
     * Size of a stored value in bytes, without transferring it; 0 when the key is absent.
     * Lets tools measure a generation's footprint key by key.
     */
    public RedisFuture<Long> strlen(String key) {
        return commands.strlen(key);
    }

    /**
     * Bytes {@code start} to {@code end} (inclusive, 0-based) of a string value; fewer when the value
     * is shorter, none when the key is missing. Lets a reader take a long value in slices, so that
     * no single reply holds the shared connection for long.
     */
    public RedisFuture<byte[]> getrange(String key, long start, long end) {
        return commands.getrange(key, start, end);
    }

    /**
     * Runs a Lua script whose keys must all hash to one slot (use a {@code {hash tag}} in
     * cluster mode). String arguments are sent as UTF-8.
     */
    public <T> RedisFuture<T> eval(String script, ScriptOutputType type, String[] keys, String... args) {
        byte[][] values = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return commands.eval(script, type, keys, values);
    }

    public RedisFuture<String> ping() {
        return commands.ping();
    }

    /**
     * Visits every key matching a glob {@code pattern} (all masters of a cluster), in batches
     * of about {@code batch}; blocking.
     */
    public void scan(String pattern, int batch, Consumer<List<String>> visitor) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(batch);
        KeyScanCursor<String> cursor = await(commands.scan(args));
        while (true) {
            if (!cursor.getKeys().isEmpty()) {
                visitor.accept(new ArrayList<>(cursor.getKeys()));
            }
            if (cursor.isFinished()) {
                return;
            }
            cursor = await(commands.scan(cursor, args));
        }
    }

    /**
     * A dedicated connection for bulk writes: commands are buffered and sent by
     * {@link Pipeline#flush()}, not one round trip each.
     */
    public Pipeline openPipeline() {
        StatefulConnection<String, byte[]> dedicated;
        RedisClusterAsyncCommands<String, byte[]> async;
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> c = cluster.connect(CODEC);
            dedicated = c;
            async = c.async();
        } else {
            StatefulRedisConnection<String, byte[]> c = ((RedisClient) client)
                    .connect(CODEC, uri(settings, settings.nodes().getFirst()));
            dedicated = c;
            async = c.async();
        }
        dedicated.setAutoFlushCommands(false);
        return new Pipeline(dedicated, async);
    }

    /** Waits for a command within the command timeout, unwrapping Lettuce's exceptions. */
    public <T> T await(RedisFuture<T> future) {
        try {
            return future.get(settings.commandTimeout().toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RedisUnavailableException("Redis command failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new RedisUnavailableException("Redis did not answer within " + settings.commandTimeout(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /**
     * A dedicated, manually flushed connection. Not thread-safe: one writer thread owns it.
     */
    public static final class Pipeline implements AutoCloseable {

        private final StatefulConnection<String, byte[]> connection;
        private final RedisClusterAsyncCommands<String, byte[]> commands;

        private Pipeline(StatefulConnection<String, byte[]> connection, RedisClusterAsyncCommands<String, byte[]> commands) {
            this.connection = connection;
            this.commands = commands;
        }

        public RedisFuture<String> set(String key, byte[] value, Duration ttl) {
            return commands.set(key, value, SetArgs.Builder.px(ttl.toMillis()));
        }

        public RedisFuture<Long> hset(String key, Map<String, byte[]> fields) {
            return commands.hset(key, fields);
        }

        public RedisFuture<Boolean> expire(String key, Duration ttl) {
            return commands.pexpire(key, ttl.toMillis());
        }

        /** Sends everything buffered since the last flush. */
        public void flush() {
            connection.flushCommands();
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
