package dev.hexsnap.core.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the snapshots live and how hexsnap talks to Redis ({@code hexsnap.redis.*}).
 *
 * @param nodes                     {@code host:port} of the server, or of any cluster nodes (the rest are discovered)
 * @param cluster                   whether {@code nodes} form a Redis Cluster (Lettuce's cluster client is used)
 * @param username                  ACL user name, empty for none
 * @param password                  password, empty for none; pass it through the environment
 *                                  ({@code HEXSNAP_REDIS_PASSWORD}), never a file in the repository
 * @param database                  logical database of a standalone server (a cluster has only 0)
 * @param namespace                 prefix of every key hexsnap writes, so that several deployments (or
 *                                  tests) can share one Redis; lowercase letters, digits, '-' and '_'
 * @param commandTimeout            how long a command may take before it fails
 * @param connectTimeout            how long opening a connection may take
 * @param failFastWhenDisconnected  reject commands at once while the connection is down instead of
 *                                  queueing them until it returns: what a serving path wants (a fast 503)
 * @param requestQueueSize          upper bound of commands queued on one connection; bounds a writer's memory
 */
@ConfigurationProperties("hexsnap.redis")
public record RedisSettings(
        @DefaultValue("127.0.0.1:6379") List<String> nodes,
        @DefaultValue("false") boolean cluster,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("0") int database,
        @DefaultValue("hexsnap") String namespace,
        @DefaultValue("2s") Duration commandTimeout,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("false") boolean failFastWhenDisconnected,
        @DefaultValue("65536") int requestQueueSize) {

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9_-]{1,40}");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]+:\\d{1,5}");

    public RedisSettings {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("hexsnap.redis.nodes: give at least one host:port");
        }
        for (String node : nodes) {
            if (!NODE.matcher(node).matches()) {
                throw new IllegalArgumentException("hexsnap.redis.nodes: '" + node + "' is not host:port");
            }
        }
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("hexsnap.redis.namespace: '" + namespace
                    + "' must be 1-40 of a-z, 0-9, '-' and '_'");
        }
        if (cluster && database != 0) {
            throw new IllegalArgumentException("hexsnap.redis.database: a Redis Cluster has only database 0");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("hexsnap.redis.command-timeout must be positive");
        }
        if (requestQueueSize < 16) {
            throw new IllegalArgumentException("hexsnap.redis.request-queue-size must be at least 16");
        }
        nodes = List.copyOf(nodes);
    }

    /** Settings for a standalone server on {@code host:port}, everything else at its default. */
    public static RedisSettings standalone(String hostAndPort, String namespace) {
        return new RedisSettings(List.of(hostAndPort), false, "", "", 0, namespace,
                Duration.ofSeconds(2), Duration.ofSeconds(1), false, 65536);
    }

    /** Settings for a cluster reachable through {@code nodes}, everything else at its default. */
    public static RedisSettings cluster(List<String> nodes, String namespace) {
        return new RedisSettings(nodes, true, "", "", 0, namespace,
                Duration.ofSeconds(2), Duration.ofSeconds(1), false, 65536);
    }

    /** A copy that fails fast while disconnected and times commands out after {@code timeout}. */
    public RedisSettings forServing(Duration timeout) {
        return new RedisSettings(nodes, cluster, username, password, database, namespace,
                timeout, connectTimeout, true, requestQueueSize);
    }

    /** A copy with another namespace. */
    public RedisSettings withNamespace(String otherNamespace) {
        return new RedisSettings(nodes, cluster, username, password, database, otherNamespace,
                commandTimeout, connectTimeout, failFastWhenDisconnected, requestQueueSize);
    }

    @Override
    public String toString() {
        // Never print the password.
        return "RedisSettings[nodes=" + nodes + ", cluster=" + cluster + ", database=" + database
                + ", namespace=" + namespace + ", commandTimeout=" + commandTimeout + "]";
    }
}
