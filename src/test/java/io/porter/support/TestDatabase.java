package io.porter.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The one database of a test run. With {@code PORTER_TEST_DB_URL} (a JDBC URL of a PostgreSQL server, with
 * {@code PORTER_TEST_DB_USER}/{@code PORTER_TEST_DB_PASSWORD}) a fresh database is created on that server and
 * dropped at the end; otherwise an embedded PostgreSQL is started in a temporary directory.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final String description;

    private TestDatabase(String url, String user, String password, String description) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            String server = System.getenv("PORTER_TEST_DB_URL");
            instance = server == null || server.isBlank() ? embedded() : onServer(server);
            System.out.println("Tests use " + instance.description);
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static TestDatabase embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the temporary directory goes with it
                }
            }));
            return new TestDatabase(pg.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "an embedded PostgreSQL on port " + pg.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
        }
    }

    private static TestDatabase onServer(String serverUrl) {
        String user = envOr("PORTER_TEST_DB_USER", "postgres");
        String password = envOr("PORTER_TEST_DB_PASSWORD", "");
        String name = "porter_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(serverUrl, user, password)) {
            c.createStatement().execute("create database " + name);
            String version = c.getMetaData().getDatabaseProductVersion();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, user, password, name)));
            String url = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
            return new TestDatabase(url, user, password, "database " + name + " on PostgreSQL " + version + " at " + serverUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("PORTER_TEST_DB_URL=" + serverUrl + " does not answer", e);
        }
    }

    private static void drop(String serverUrl, String user, String password, String name) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password)) {
            c.createStatement().execute("drop database if exists " + name + " with (force)");
        } catch (SQLException ignored) {
            // best effort at shutdown
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
