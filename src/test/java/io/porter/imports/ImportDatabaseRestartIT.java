package io.porter.imports;

import static io.porter.imports.ImportDriver.options;
import static io.porter.support.JarProcess.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.JarProcess;
import io.porter.support.JarProcess.Output;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again under a running server (the packaged jar, on a PostgreSQL of this test's
 * own, on a fixed data directory and port): the import under way carries on by itself once the database answers,
 * to the exact outcome of an undisturbed one; and when the database stays away longer than the server waits, the
 * import ends failed saying why, and starting it again finishes it.
 */
class ImportDatabaseRestartIT {

    private static final int ROWS = 60_000;
    private static final int EXISTING = 1_000;

    @TempDir
    Path dir;

    private Path pgData;
    private int pgPort;

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(pgPort)
                .setPGStartupWait(Duration.ofSeconds(60)).setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/porter", "postgres", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String email(int i) {
        return "person" + i + "@example.com";
    }

    private static String csv(int from, int to, String name) {
        StringBuilder b = new StringBuilder("Email,Name\n");
        for (int i = from; i < to; i++) {
            b.append(email(i)).append(',').append(name).append(' ').append(i).append('\n');
        }
        return b.toString();
    }

    /** A server on the test's PostgreSQL, with how long its jobs wait for the database; its API as the first token. */
    private record Server(Process process, Output out, Api api) {
    }

    private Server serve(Map<String, String> jobs) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Map<String, String> env = new HashMap<>(jobs);
        env.put("PORTER_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/porter");
        env.put("PORTER_DB_USER", "postgres");
        env.put("PORTER_IMPORTS_CHUNK_SIZE", "300");
        int port = freePort();
        Process p = JarProcess.start(data, env, "serve", "--port", Integer.toString(port));
        Output out = new Output(p);
        out.await(Pattern.compile(Pattern.quote("Porter is running at http://localhost:" + port + "/")));
        String token = out.await(Pattern.compile("API token for workspace 'default' \\(shown once, keep it\\): (\\S+)")).group(1);
        return new Server(p, out, new Api(port, token));
    }

    /** Reviews and starts an import of ROWS people, the last EXISTING of whom exist; returns once a chunk committed. */
    private long startedAndPartWay(ImportDriver d) throws Exception {
        d.run(csv(ROWS - EXISTING, ROWS, "Old"), options("add-and-update", "email"));
        ImportDriver.Uploaded up = d.reviewed("people.csv", csv(0, ROWS, "New"), options("add-and-update", "email"));
        Api.Response start = d.start(up.id());
        assertThat(start.status()).as(start.toString()).isEqualTo(202);
        try (Connection db = connect()) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (scalar(db, "select rows_done from import_job where id = " + up.id()) == 0) {
                assertThat(System.nanoTime()).as("a chunk committed within 3 minutes").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(scalar(db, "select count(*) from import_job where status = 'running' and id = " + up.id()))
                    .as("stopped before the import ended").isEqualTo(1);
        }
        return up.id();
    }

    /** Every row's contact once with the file's values, one event per row, the whole result file. */
    private void assertExactOutcome(Api api, long id) throws Exception {
        try (Connection db = connect()) {
            assertThat(scalar(db, "select count(*) from contact")).isEqualTo(ROWS);
            assertThat(scalar(db, "select count(distinct email_key) from contact")).isEqualTo(ROWS);
            assertThat(scalar(db, "select count(*) from contact where name <> 'New ' || split_part(split_part(email_key, '@', 1), 'person', 2)"))
                    .as("contacts without the file's values").isZero();
            assertThat(scalar(db, "select count(*) from domain_event where type = 'contact.created' and payload->>'import_id' = '" + id + "'"))
                    .isEqualTo(ROWS - EXISTING);
            assertThat(scalar(db, "select count(*) from domain_event where type = 'contact.updated' and payload->>'import_id' = '" + id + "'"))
                    .isEqualTo(EXISTING);
            assertThat(scalar(db, "select count(distinct payload->>'row') from domain_event where payload->>'import_id' = '" + id + "'"))
                    .isEqualTo(ROWS);
        }
        Api.Response result = api.get("/api/v1/imports/" + id + "/result.csv");
        assertThat(result.status()).isEqualTo(200);
        List<List<String>> records = ImportDriver.parse(result.body());
        assertThat(records).hasSize(ROWS + 1);
        for (int i = 0; i < ROWS; i++) {
            if (!records.get(i + 1).get(0).equals(email(i))) {
                throw new AssertionError("result row " + (i + 1) + " is " + records.get(i + 1));
            }
        }
    }

    @Test
    void anImportCarriesOnByItselfWhenPostgresRestartsUnderIt() throws Exception {
        pgData = dir.resolve("pg");
        pgPort = freePort();
        EmbeddedPostgres pg = startPostgres();
        Server server = null;
        try {
            try (Connection admin = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"))) {
                admin.createStatement().execute("create database porter");
            }
            server = serve(Map.of("PORTER_JOBS_FIRSTWAIT", "PT0.5S", "PORTER_JOBS_MAXWAIT", "PT2S",
                    "PORTER_DB_CONNECTION_TIMEOUT", "PT2S"));
            long id = startedAndPartWay(new ImportDriver(server.api()));

            pg.close();
            pg = startPostgres();

            JsonNode done = server.api().awaitImport(id);
            assertThat(done.path("counts").path("added").asInt()).isEqualTo(ROWS - EXISTING);
            assertThat(done.path("progress").path("rows_done").asInt()).isEqualTo(ROWS);
            // it waited for the database, rather than ending before it went
            server.out().await(Pattern.compile(".*Import " + id + " of workspace \\d+: the database went away.*"));
            assertExactOutcome(server.api(), id);
        } finally {
            if (server != null) {
                server.process().destroy();
                server.process().waitFor(60, TimeUnit.SECONDS);
            }
            pg.close();
        }
    }

    @Test
    void anImportFailsSayingWhyWhenPostgresStaysAwayAndStartingItAgainFinishesIt() throws Exception {
        pgData = dir.resolve("pg");
        pgPort = freePort();
        EmbeddedPostgres pg = startPostgres();
        Server server = null;
        try {
            try (Connection admin = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"))) {
                admin.createStatement().execute("create database porter");
            }
            server = serve(Map.of("PORTER_JOBS_FIRSTWAIT", "PT0.5S", "PORTER_JOBS_MAXWAIT", "PT2S", "PORTER_JOBS_TRIES", "4",
                    "PORTER_DB_CONNECTION_TIMEOUT", "PT1S"));
            long id = startedAndPartWay(new ImportDriver(server.api()));

            pg.close();
            // the server has given up on the database; it marks the import failed as soon as it answers again
            server.out().await(Pattern.compile(".*Import " + id + " of workspace \\d+: the database could not be reached for .*; marking it failed.*"));
            pg = startPostgres();

            JsonNode failed = server.api().awaitImportEnd(id);
            assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.path("failure").asText()).startsWith("The database could not be reached for ")
                    .contains("Start the import again to finish it.");
            int applied = failed.path("progress").path("rows_done").asInt();
            assertThat(failed.path("failure").asText()).contains(String.format(Locale.ENGLISH, "%,d of %,d rows are imported", applied, ROWS));

            Api.Response again = server.api().post("/api/v1/imports/" + id + "/start", Map.of());
            assertThat(again.status()).as(again.toString()).isEqualTo(202);
            JsonNode done = server.api().awaitImport(id);
            assertThat(done.path("counts").path("added").asInt()).isEqualTo(ROWS - EXISTING);
            assertExactOutcome(server.api(), id);
        } finally {
            if (server != null) {
                server.process().destroy();
                server.process().waitFor(60, TimeUnit.SECONDS);
            }
            pg.close();
        }
    }
}
