package dev.hexsnap.testsupport;

/**
 * Where the real services the tests use are: the {@code HEXSNAP_TEST_*} environment
 * variables, else the machine's own MariaDB (root, no password) and Redis on loopback.
 * {@code ./hexsnap test} sets them from {@code scripts/ensure-services}, which points them at
 * private servers of its own when the machine's cannot be used as they are (Maven passes the
 * environment on to Surefire and Failsafe).
 */
public final class TestServices {

    /** JDBC URL of the MySQL-compatible server, without a database: {@code HEXSNAP_TEST_MYSQL_URL}. */
    public static final String MYSQL_URL = env("HEXSNAP_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    /** {@code HEXSNAP_TEST_MYSQL_USER}, default {@code root}. */
    public static final String MYSQL_USER = env("HEXSNAP_TEST_MYSQL_USER", "root");
    /** {@code HEXSNAP_TEST_MYSQL_PASSWORD}, default empty. */
    public static final String MYSQL_PASSWORD = env("HEXSNAP_TEST_MYSQL_PASSWORD", "");
    /** {@code host:port} of the shared Redis: {@code HEXSNAP_TEST_REDIS}, default {@code 127.0.0.1:6379}. */
    public static final String REDIS = env("HEXSNAP_TEST_REDIS", "127.0.0.1:6379");

    private TestServices() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
