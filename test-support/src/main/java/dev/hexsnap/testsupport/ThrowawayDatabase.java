package dev.hexsnap.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the real MySQL-compatible server, dropped on {@link #close()}, so
 * that tests (and test classes running side by side) never see each other's rows.
 */
public final class ThrowawayDatabase implements AutoCloseable {

    /** Connector/J settings hexsnap always uses (see hexsnap-defaults.properties). */
    private static final String OPTIONS = "?rewriteBatchedStatements=true&connectionTimeZone=UTC"
            + "&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true";

    private final String name;

    private ThrowawayDatabase(String name) {
        this.name = name;
    }

    /** Creates {@code hexsnap_it_<purpose>_<random>}. */
    public static ThrowawayDatabase create(String purpose) {
        String name = "hexsnap_it_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        return new ThrowawayDatabase(name);
    }

    public String name() {
        return name;
    }

    /** JDBC URL of this database with hexsnap's connection options. */
    public String jdbcUrl() {
        return TestServices.MYSQL_URL + name + OPTIONS;
    }

    public String username() {
        return TestServices.MYSQL_USER;
    }

    public String password() {
        return TestServices.MYSQL_PASSWORD;
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    /** Spring Boot arguments pointing a program at this database. */
    public String[] springArguments() {
        return new String[]{
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=" + username(),
                "--spring.datasource.password=" + password()};
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(TestServices.MYSQL_URL + OPTIONS, TestServices.MYSQL_USER,
                TestServices.MYSQL_PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test database server at " + TestServices.MYSQL_URL
                    + " (run scripts/ensure-services): " + e.getMessage(), e);
        }
    }
}
