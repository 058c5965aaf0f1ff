package io.porter.imports;

import static io.porter.support.JarProcess.connect;
import static io.porter.support.JarProcess.scalar;
import static io.porter.support.JarProcess.stopEmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import io.porter.support.JarProcess;
import io.porter.support.JarProcess.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import killed with {@code kill -9} after some chunks have committed, then resumed with {@code import --resume},
 * ends as if it had never been interrupted: every row applied exactly once, no contact created twice, every
 * updated contact with the file's values, one domain event per row, and a whole result file. It runs the packaged
 * jar on its embedded PostgreSQL, as a user does.
 */
class ImportCrashIT {

    private static final long TIMEOUT_SECONDS = 180;
    private static final int EXISTING = 2_000;
    private static final int ROWS = 60_000;
    /** Small chunks, so the import has many and the kill lands between the first and the last. */
    private static final Map<String, String> ENV = Map.of("PORTER_IMPORTS_CHUNK_SIZE", "500");

    @TempDir
    Path dir;

    @Test
    void anImportKilledMidwayResumesToTheSameOutcome() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path first = dir.resolve("existing.csv");
        Files.write(first, csv(EXISTING, "Old", "Oldtown"));
        Path file = dir.resolve("contacts.csv");
        Files.write(file, csv(ROWS, "New", "City"));
        try {
            Output existing = run(data, "import", first.toString(), "--purpose", "add-and-update", "--no-import-tag");
            assertThat(existing.lines()).as(existing.text()).contains("added: " + EXISTING);

            Process importing = start(data, "import", file.toString(), "--purpose", "add-and-update", "--tag", "crash-test");
            Output out = new Output(importing);
            long id = Long.parseLong(out.await(Pattern.compile("import: (\\d+) .*")).group(1));
            try (Connection db = connect(data)) {
                awaitSomeChunksCommitted(db, id, importing);
                importing.destroyForcibly();
                assertThat(importing.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
                Map<String, Object> killed = job(db, id);
                assertThat(killed.get("status")).as("left running by the killed process").isEqualTo("running");
                assertThat((Integer) killed.get("rows_done")).isBetween(1, ROWS - 1);

                Path result = dir.resolve("result.csv");
                Output resumed = run(data, "import", "--resume", Long.toString(id), "--result", result.toString());
                assertThat(resumed.lines()).as(resumed.text())
                        .contains("added: " + (ROWS - EXISTING), "updated: " + EXISTING, "skipped: 0", "errors: 0");

                Map<String, Object> done = job(db, id);
                assertThat(done.get("status")).isEqualTo("completed");
                assertThat(done.get("rows_done")).isEqualTo(ROWS);
                // the reviewed rows stay readable (rows API) until the result file is deleted
                assertThat(scalar(db, "select count(*) from import_row where import_id = " + id)).isEqualTo(ROWS);

                // one contact per email: the file's new people plus the ones that existed, none created twice
                assertThat(scalar(db, "select count(*) from contact")).isEqualTo(ROWS);
                assertThat(scalar(db, "select count(distinct email_key) from contact")).isEqualTo(ROWS);
                // every contact, updated or new, holds the file's values
                Map<String, String[]> contacts = new HashMap<>();
                try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select email_key, name, city from contact")) {
                    while (rs.next()) {
                        contacts.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < ROWS; i++) {
                    String[] c = contacts.get(email(i));
                    if (c == null || !c[0].equals("New " + i) || !c[1].equals("City " + (i % 97))) {
                        wrong.add(email(i) + " -> " + (c == null ? "missing" : c[0] + ", " + c[1]));
                    }
                }
                assertThat(wrong).as("contacts without the file's values").isEmpty();
                // the chunk in flight at the kill was rolled back whole: its tags and events exist once
                assertThat(scalar(db, "select count(*) from contact c join tag t on t.workspace_id = c.workspace_id "
                        + "and t.id = any(c.tag_ids) where t.name = 'crash-test'")).isEqualTo(ROWS);
                assertThat(scalar(db, "select count(*) from domain_event where payload->>'import_id' = '" + id
                        + "' and type = 'contact.created'")).isEqualTo(ROWS - EXISTING);
                assertThat(scalar(db, "select count(*) from domain_event where payload->>'import_id' = '" + id
                        + "' and type = 'contact.updated'")).isEqualTo(EXISTING);
                assertThat(scalar(db, "select count(distinct payload->>'row') from domain_event where payload->>'import_id' = '"
                        + id + "'")).isEqualTo(ROWS);

                // the result file: the header and every row, in order, each with its status
                List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
                assertThat(lines).hasSize(ROWS + 1);
                // the result file opens in spreadsheets as UTF-8: it starts with a byte-order mark
                assertThat(lines.get(0)).isEqualTo("\uFEFFName,Email,City,Import status,Errors");
                for (int i = 0; i < ROWS; i++) {
                    String expected = "New " + i + "," + email(i) + ",City " + (i % 97) + "," + (i < EXISTING ? "Updated" : "Imported") + ",";
                    if (!lines.get(i + 1).equals(expected)) {
                        throw new AssertionError("result line " + (i + 2) + " is '" + lines.get(i + 1) + "', expected '" + expected + "'");
                    }
                }
            }
        } finally {
            stopEmbeddedPostgres(data);
        }
    }

    private static String email(int i) {
        return "person" + i + "@example.com";
    }

    private static byte[] csv(int rows, String name, String city) {
        StringBuilder b = new StringBuilder("Name,Email,City\n");
        for (int i = 0; i < rows; i++) {
            b.append(name).append(' ').append(i).append(',').append(email(i)).append(',').append(city).append(' ').append(i % 97).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Polls the import's progress until a chunk has committed; fails if the import ends first. */
    private static void awaitSomeChunksCommitted(Connection db, long id, Process importing) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Map<String, Object> job = job(db, id);
            if ("running".equals(job.get("status")) && (Integer) job.get("rows_done") > 0) {
                assertThat((Integer) job.get("rows_done")).as("killed before the end").isLessThan(ROWS);
                return;
            }
            assertThat(job.get("status")).as("the import ended before it could be killed").isNotIn("completed", "failed");
            assertThat(importing.isAlive()).as("the import process is running").isTrue();
            // a poll, not a synchronisation: the loop ends on the database's state, whatever the pace
            importing.waitFor(10, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no chunk of import " + id + " committed within " + TIMEOUT_SECONDS + " s");
    }

    private static Map<String, Object> job(Connection db, long id) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select status, rows_done from import_job where id = " + id)) {
            Map<String, Object> m = new HashMap<>();
            if (rs.next()) {
                m.put("status", rs.getString(1));
                m.put("rows_done", rs.getInt(2));
            } else {
                m.put("status", "none");
                m.put("rows_done", 0);
            }
            return m;
        }
    }

    private static Process start(Path data, String... args) throws java.io.IOException {
        return JarProcess.start(data, ENV, args);
    }

    private static Output run(Path data, String... args) throws Exception {
        return JarProcess.run(data, ENV, args);
    }
}
