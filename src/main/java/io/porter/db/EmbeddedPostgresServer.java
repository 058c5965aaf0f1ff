package io.porter.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a real PostgreSQL started from the binaries shipped in a Maven artifact, its data
 * kept under a directory across restarts. When another Porter process (say {@code serve}) already runs
 * the server on that directory, this one connects to it instead of starting a second one.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String DATABASE = "porter";

    private final EmbeddedPostgres owned;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres owned, int port) {
        this.owned = owned;
        this.port = port;
    }

    public static EmbeddedPostgresServer startOrAttach(Path dataDir) {
        Optional<Integer> running = runningPort(dataDir);
        if (running.isPresent()) {
            log.info("Using the embedded PostgreSQL already running on port {} for {}", running.get(), dataDir);
            return ready(new EmbeddedPostgresServer(null, running.get()));
        }
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            return ready(new EmbeddedPostgresServer(pg, pg.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    private static EmbeddedPostgresServer ready(EmbeddedPostgresServer server) {
        String admin = "jdbc:postgresql://127.0.0.1:" + server.port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "")) {
            boolean exists;
            try (var rs = c.createStatement().executeQuery(
                    "select 1 from pg_database where datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                c.createStatement().execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL on port " + server.port + " does not answer", e);
        }
        return server;
    }

    /** postmaster.pid's fourth line is the port of the server that holds the data directory. */
    private static Optional<Integer> runningPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && accepts(port)) {
                return Optional.of(port);
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("Ignoring unreadable {}", pidFile, e);
        }
        return Optional.empty();
    }

    private static boolean accepts(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }
}
