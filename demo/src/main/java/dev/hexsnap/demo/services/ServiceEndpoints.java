package dev.hexsnap.demo.services;

import dev.hexsnap.demo.stage.LocalPorts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MySQL and Redis the pipeline uses: the configured ones when the operator gave any
 * ({@code SPRING_DATASOURCE_URL}, {@code HEXSNAP_REDIS_NODES}, or the same as
 * {@code --name=value} properties), otherwise the embedded default, started here and kept
 * under {@code home} so that a second run finds what the first built.
 */
public final class ServiceEndpoints implements AutoCloseable {

    /** Preferred ports of the embedded servers; another free port is used when taken. */
    static final int EMBEDDED_MARIADB_PORT = 13306;
    static final int EMBEDDED_REDIS_PORT = 16379;

    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String redisNodes;
    private final boolean redisCluster;
    private final String namespace;
    private final String description;
    private final List<AutoCloseable> embedded;

    private ServiceEndpoints(String jdbcUrl, String dbUser, String dbPassword, String redisNodes, boolean redisCluster,
                             String namespace, String description, List<AutoCloseable> embedded) {
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.redisNodes = redisNodes;
        this.redisCluster = redisCluster;
        this.namespace = namespace;
        this.description = description;
        this.embedded = embedded;
    }

    /**
     * Resolves (and, for the embedded default, starts) the services.
     *
     * @param properties {@code --name=value} properties given to the demo
     * @param environment the process environment
     */
    public static ServiceEndpoints resolve(Map<String, String> properties, Map<String, String> environment, Path home,
                                           PrintStream out) {
        List<AutoCloseable> started = new ArrayList<>();
        List<String> said = new ArrayList<>();
        try {
            String jdbcUrl = setting(properties, environment, "spring.datasource.url");
            String user = setting(properties, environment, "spring.datasource.username");
            String password = setting(properties, environment, "spring.datasource.password");
            if (jdbcUrl == null) {
                int port = LocalPorts.freeOr(EMBEDDED_MARIADB_PORT);
                out.printf("  starting the embedded MariaDB 10.11 on 127.0.0.1:%d (data in %s)%n", port, home.resolve("mariadb-data"));
                EmbeddedMariaDb db = EmbeddedMariaDb.start(home, port);
                started.add(db);
                jdbcUrl = db.jdbcUrl("hexsnap");
                user = "root";
                password = "";
                said.add("embedded MariaDB 127.0.0.1:" + port);
            } else {
                said.add("configured database " + withoutQuery(jdbcUrl));
            }
            String nodes = setting(properties, environment, "hexsnap.redis.nodes");
            boolean cluster = Boolean.parseBoolean(setting(properties, environment, "hexsnap.redis.cluster"));
            if (nodes == null) {
                int port = LocalPorts.freeOr(EMBEDDED_REDIS_PORT);
                out.printf("  starting the embedded Redis on 127.0.0.1:%d%n", port);
                EmbeddedRedis redis = EmbeddedRedis.start(home, port);
                started.add(redis);
                nodes = redis.hostAndPort();
                cluster = false;
                said.add("embedded Redis " + nodes);
            } else {
                said.add("configured Redis " + nodes + (cluster ? " (cluster)" : ""));
            }
            String namespace = setting(properties, environment, "hexsnap.redis.namespace");
            return new ServiceEndpoints(jdbcUrl, user == null ? "root" : user, password == null ? "" : password, nodes,
                    cluster, namespace == null ? "hexsnap" : namespace, String.join(", ", said), started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** A property given as {@code --name=value}, else its environment variable (Spring's relaxed form). */
    static String setting(Map<String, String> properties, Map<String, String> environment, String name) {
        String value = properties.get(name);
        if (value == null) {
            value = environment.get(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", ""));
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The environment every stage program gets: where the database and Redis are. */
    public Map<String, String> stageEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", dbUser);
        env.put("SPRING_DATASOURCE_PASSWORD", dbPassword);
        env.put("HEXSNAP_REDIS_NODES", redisNodes);
        env.put("HEXSNAP_REDIS_CLUSTER", Boolean.toString(redisCluster));
        env.put("HEXSNAP_REDIS_NAMESPACE", namespace);
        return env;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public List<String> redisNodes() {
        return List.of(redisNodes.split(","));
    }

    public boolean redisCluster() {
        return redisCluster;
    }

    public String namespace() {
        return namespace;
    }

    /** One line for the console: which services are used. */
    public String describe() {
        return description;
    }

    /** Stops the embedded servers (configured ones are left alone). */
    @Override
    public void close() {
        closeAll(embedded);
    }

    private static void closeAll(List<AutoCloseable> services) {
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (Exception ignored) {
                // Best effort on the way out; the next run starts them again.
            }
        }
    }
}
