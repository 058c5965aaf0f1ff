package io.porter.imports;

import static io.porter.imports.ImportDriver.options;
import static io.porter.support.DatabaseFaultInjection.await;
import static io.porter.support.DatabaseFaultInjection.lockHolder;
import static io.porter.support.DatabaseFaultInjection.terminateOthers;
import static io.porter.support.DatabaseFaultInjection.waitingForLocks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An import whose database connections are ended part-way (by an administrator, or PostgreSQL going away) carries
 * on by itself once the database answers, to the same outcome as an undisturbed one; and an import left running
 * with no worker is taken up by the server's sweep, never while a worker holds it.
 */
@PorterTest
class ImportDatabaseFaultsTest extends TestWorkspaces {

    private static final int ROWS = 600;
    private static final int EXISTING = 30;
    private static final int CHUNK = 25;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient db;

    @Autowired
    ImportRunner runner;

    private static String email(int i) {
        return "person" + i + "@example.com";
    }

    /** Rows {@code from} to {@code to} (exclusive) of a CSV of people named {@code name} and a number. */
    private static String csv(int from, int to, String name) {
        StringBuilder b = new StringBuilder("Email,Name\n");
        for (int i = from; i < to; i++) {
            b.append(email(i)).append(',').append(name).append(' ').append(i).append('\n');
        }
        return b.toString();
    }

    private int rowsDone(long ws, long id) {
        return db.sql("select rows_done from import_job where workspace_id = ? and id = ?").params(ws, id).query(Integer.class).single();
    }

    @Test
    void anImportWhoseConnectionsAreTerminatedMidwayCompletesByItselfWithEveryRowOnce() throws Exception {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        // the file's last rows update people who exist already
        d.run(csv(ROWS - EXISTING, ROWS, "Old"), options("add-and-update", "email"));
        ImportDriver.Uploaded up = d.reviewed("people.csv", csv(0, ROWS, "New"), options("add-and-update", "email"));
        // small chunks, kept with the job as a first start keeps the configured size
        db.sql("update import_job set chunk_rows = ? where workspace_id = ? and id = ?").params(CHUNK, ws.id(), up.id()).update();
        String late = email(ROWS - 10);

        List<Integer> ended;
        Integer worker;
        List<Integer> blocked;
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            // the chunk that updates this contact waits for this transaction: the import is caught part-way
            try (PreparedStatement s = hold.prepareStatement("select id from contact where workspace_id = ? and email_key = ? for update")) {
                s.setLong(1, ws.id());
                s.setString(2, late);
                assertThat(s.executeQuery().next()).isTrue();
            }
            Api.Response start = d.start(up.id());
            assertThat(start.status()).as(start.toString()).isEqualTo(202);
            await("some chunks committed and one waits on the held contact", 60, () -> {
                try {
                    return rowsDone(ws.id(), up.id()) > 0 && !waitingForLocks(hold).isEmpty();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            worker = lockHolder(hold, "porter-import-" + ws.id() + "-" + up.id());
            blocked = waitingForLocks(hold);
            int before = rowsDone(ws.id(), up.id());
            assertThat(before).isBetween(1, ROWS - 1);

            ended = terminateOthers(hold);
            hold.rollback();
        }
        // the worker's lock and the chunk in flight went with their connections
        assertThat(worker).isNotNull();
        assertThat(ended).contains(worker).containsAll(blocked);

        JsonNode done = ws.api().awaitImport(up.id());
        assertThat(done.path("progress").path("rows_done").asInt()).isEqualTo(ROWS);
        assertThat(done.path("counts").path("added").asInt()).isEqualTo(ROWS - EXISTING);
        assertThat(done.path("counts").path("updated").asInt()).isEqualTo(EXISTING);

        // every row's contact exactly once, holding the file's values
        Map<String, String> names = new HashMap<>();
        db.sql("select email_key, name from contact where workspace_id = ?").param(ws.id())
                .query(rs -> {
                    assertThat(names.put(rs.getString(1), rs.getString(2))).as("a second contact for " + rs.getString(1)).isNull();
                });
        assertThat(names).hasSize(ROWS);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            if (!("New " + i).equals(names.get(email(i)))) {
                wrong.add(email(i) + " -> " + names.get(email(i)));
            }
        }
        assertThat(wrong).as("contacts without the file's values").isEmpty();

        // one event per applied row, none from the chunk that was cut off
        String events = "select count(*) from domain_event where workspace_id = ? and payload->>'import_id' = ? and type = ?";
        assertThat(db.sql(events).params(ws.id(), String.valueOf(up.id()), "contact.created").query(Integer.class).single())
                .isEqualTo(ROWS - EXISTING);
        assertThat(db.sql(events).params(ws.id(), String.valueOf(up.id()), "contact.updated").query(Integer.class).single())
                .isEqualTo(EXISTING);
        assertThat(db.sql("select count(distinct payload->>'row') from domain_event where workspace_id = ? and payload->>'import_id' = ?")
                .params(ws.id(), String.valueOf(up.id())).query(Integer.class).single()).isEqualTo(ROWS);

        // the result file: every row, each with its outcome
        Api.Response result = ws.api().get("/api/v1/imports/" + up.id() + "/result.csv");
        assertThat(result.status()).isEqualTo(200);
        List<List<String>> records = ImportDriver.parse(result.body());
        assertThat(records).hasSize(ROWS + 1);
        int status = records.get(0).indexOf("Import status");
        for (int i = 0; i < ROWS; i++) {
            assertThat(records.get(i + 1).get(0)).isEqualTo(email(i));
            assertThat(records.get(i + 1).get(status)).isNotBlank();
        }

        // and the workspace imports again: no dead import keeps its place
        ImportDriver.Outcome next = d.run(csv(ROWS, ROWS + 2, "Next"), options("add-and-update", "email"));
        assertThat(next.job().path("counts").path("added").asInt()).isEqualTo(2);
    }

    @Test
    void anImportRunningWithNoWorkerIsTakenUpByTheSweepButNeverFromAWorkerHoldingIt() throws Exception {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("orphan.csv", csv(0, 40, "Orphan"), options("add-and-update", "email"));
        // as a worker leaves it that lost its connection for good after marking it running
        db.sql("update import_job set status = 'running', started_at = now() where workspace_id = ? and id = ?")
                .params(ws.id(), up.id()).update();
        String key = "porter-import-" + ws.id() + "-" + up.id();

        try (Connection other = dataSource.getConnection()) {
            // another process's worker holds it
            try (PreparedStatement s = other.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
                s.setString(1, key);
                s.execute();
            }
            assertThat(runner.takeUpOrphans()).doesNotContain(up.id());
            assertThat(runner.takeUpOrphans()).as("held by a worker on both sweeps").doesNotContain(up.id());
            try (PreparedStatement s = other.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
                s.setString(1, key);
                s.execute();
            }
        }
        assertThat(ws.api().get("/api/v1/imports/" + up.id()).json().path("progress").path("rows_done").asInt()).isZero();

        // its worker is gone: a first sweep notes it, the next takes it up
        assertThat(runner.takeUpOrphans()).doesNotContain(up.id());
        assertThat(runner.takeUpOrphans()).contains(up.id());
        JsonNode done = ws.api().awaitImport(up.id());
        assertThat(done.path("counts").path("added").asInt()).isEqualTo(40);
        assertThat(d.contactCount()).isEqualTo(40);
        assertThat(db.sql("select count(*) from domain_event where workspace_id = ? and type = 'contact.created'")
                .param(ws.id()).query(Integer.class).single()).isEqualTo(40);
    }
}
