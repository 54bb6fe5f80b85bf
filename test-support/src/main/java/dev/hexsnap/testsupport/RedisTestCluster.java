package dev.hexsnap.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis Cluster of three (or more) masters, no replicas, on free loopback ports:
 * enough for Lettuce's cluster client to route, redirect and split multi-key commands.
 * Slots are spread evenly; {@link #close()} stops every node.
 */
public final class RedisTestCluster implements AutoCloseable {

    private static final int SLOTS = 16384;

    private final List<RedisServerProcess> nodes;

    private RedisTestCluster(List<RedisServerProcess> nodes) {
        this.nodes = nodes;
    }

    /** Starts {@code masters} cluster-enabled servers, joins them and waits for {@code cluster_state:ok}. */
    public static RedisTestCluster start(int masters) {
        if (masters < 3) {
            throw new IllegalArgumentException("a Redis Cluster needs at least 3 masters");
        }
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(RedisServerProcess.start(true));
            }
            RedisTestCluster cluster = new RedisTestCluster(nodes);
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServerProcess::close);
            throw e;
        }
    }

    /** {@code host:port} of every node. */
    public List<String> nodes() {
        return nodes.stream().map(RedisServerProcess::hostAndPort).toList();
    }

    private void form() {
        int perNode = SLOTS / nodes.size();
        for (int i = 0; i < nodes.size(); i++) {
            int first = i * perNode;
            int last = i == nodes.size() - 1 ? SLOTS - 1 : first + perNode - 1;
            int[] slots = new int[last - first + 1];
            for (int s = first; s <= last; s++) {
                slots[s - first] = s;
            }
            withNode(i, redis -> {
                redis.clusterAddSlots(slots);
                return null;
            });
        }
        for (int i = 1; i < nodes.size(); i++) {
            int port = nodes.get(i).port();
            withNode(0, redis -> redis.clusterMeet("127.0.0.1", port));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean allOk = true;
            for (int i = 0; i < nodes.size(); i++) {
                String info = withNode(i, RedisCommands::clusterInfo);
                allOk &= info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + nodes.size());
            }
            if (allOk) {
                return;
            }
            RedisServerProcess.sleep(100);
        }
        throw new IllegalStateException("the test Redis Cluster did not reach cluster_state:ok within 30 s");
    }

    private <T> T withNode(int index, java.util.function.Function<RedisCommands<String, String>, T> action) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", nodes.get(index).port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return action.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisServerProcess::close);
    }
}
