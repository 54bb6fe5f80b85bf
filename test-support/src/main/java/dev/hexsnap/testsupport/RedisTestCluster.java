package dev.hexsnap.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis Cluster of three (or more) masters, with or without replicas, on free loopback
 * ports: enough for Lettuce's cluster client to route, redirect and split multi-key commands,
 * and, with replicas, for a master to fail over ({@link #killMaster}). Slots are spread evenly;
 * {@link #close()} stops every node. The nodes' {@code cluster-node-timeout} is 2 s, so a killed
 * master's replica is promoted a few seconds later.
 */
public final class RedisTestCluster implements AutoCloseable {

    private static final int SLOTS = 16384;

    /** Masters first, then the replicas: replica {@code r} of master {@code m} is at {@code masters + m * replicas + r}. */
    private final List<RedisServerProcess> nodes;
    private final int masters;

    private RedisTestCluster(List<RedisServerProcess> nodes, int masters) {
        this.nodes = nodes;
        this.masters = masters;
    }

    /** Starts {@code masters} cluster-enabled servers, joins them and waits for {@code cluster_state:ok}. */
    public static RedisTestCluster start(int masters) {
        return start(masters, 0);
    }

    /**
     * Starts {@code masters} masters and {@code replicasPerMaster} replicas of each, joins them,
     * and waits for {@code cluster_state:ok} and every replica's link to its master.
     */
    public static RedisTestCluster start(int masters, int replicasPerMaster) {
        if (masters < 3) {
            throw new IllegalArgumentException("a Redis Cluster needs at least 3 masters");
        }
        if (replicasPerMaster < 0 || replicasPerMaster > 2) {
            throw new IllegalArgumentException("replicasPerMaster must be within [0, 2]");
        }
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
                nodes.add(RedisServerProcess.start(true));
            }
            RedisTestCluster cluster = new RedisTestCluster(nodes, masters);
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServerProcess::close);
            throw e;
        }
    }

    /** {@code host:port} of every node, masters first. */
    public List<String> nodes() {
        return nodes.stream().map(RedisServerProcess::hostAndPort).toList();
    }

    /** The first and last hash slot master {@code index} was given (a replica promoted in its place serves them after). */
    public int[] slotsOf(int index) {
        int perNode = SLOTS / masters;
        int first = index * perNode;
        return new int[]{first, index == masters - 1 ? SLOTS - 1 : first + perNode - 1};
    }

    /** Kills master {@code index} (SIGKILL, as a crash): its replica takes over after the node timeout. */
    public void killMaster(int index) {
        nodes.get(index).kill();
    }

    /**
     * Waits until the first replica of the killed master {@code index} says it is a master and
     * {@code cluster_state:ok} (polled every 20 ms over one connection, so that the time measured
     * is the promotion's, not the polling's).
     *
     * @return how long it took
     */
    public Duration awaitFailover(int index, Duration atMost) {
        int replicas = nodes.size() / masters - 1;
        if (replicas == 0) {
            throw new IllegalStateException("this cluster has no replicas to fail over to");
        }
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", nodes.get(masters + index * replicas).port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> replica = connection.sync();
            while (System.nanoTime() < deadline) {
                if (replica.clusterNodes().lines().anyMatch(line -> line.contains("myself,master"))
                        && replica.clusterInfo().contains("cluster_state:ok")) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                RedisServerProcess.sleep(20);
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
        throw new IllegalStateException("no replica took over the slots of master " + index + " within " + atMost);
    }

    private void form() {
        for (int i = 0; i < masters; i++) {
            int[] range = slotsOf(i);
            int first = range[0];
            int last = range[1];
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
        awaitAllKnown();
        int replicas = nodes.size() / masters - 1;
        for (int m = 0; m < masters && replicas > 0; m++) {
            String masterId = withNode(m, RedisCommands::clusterMyId);
            for (int r = 0; r < replicas; r++) {
                withNode(masters + m * replicas + r, redis -> redis.clusterReplicate(masterId));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean allOk = true;
            for (int i = 0; i < nodes.size(); i++) {
                String info = withNode(i, RedisCommands::clusterInfo);
                allOk &= info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + nodes.size());
                if (i >= masters) {
                    allOk &= withNode(i, redis -> redis.info("replication")).contains("master_link_status:up");
                }
            }
            if (allOk) {
                return;
            }
            RedisServerProcess.sleep(100);
        }
        throw new IllegalStateException("the test Redis Cluster did not reach cluster_state:ok within 30 s");
    }

    private void awaitAllKnown() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean allKnown = true;
            for (int i = 0; i < nodes.size(); i++) {
                allKnown &= withNode(i, RedisCommands::clusterInfo).contains("cluster_known_nodes:" + nodes.size());
            }
            if (allKnown) {
                return;
            }
            RedisServerProcess.sleep(100);
        }
        throw new IllegalStateException("the test Redis Cluster's nodes did not all meet within 30 s");
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
