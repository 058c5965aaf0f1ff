package io.porter.migration;

import static io.porter.migration.MigrationApiTest.fixture;
import static io.porter.migration.MigrationApiTest.upload;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A migration run whose database connections are ended part-way carries on by itself, to the same outcome. */
@PorterTest
class MigrationDatabaseFaultsTest extends TestWorkspaces {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient db;

    long count(long ws, String table) {
        return db.sql("select count(*) from " + table + " where workspace_id = ?").param(ws).query(Long.class).single();
    }

    private JsonNode runOf(Api api, long run) {
        return api.get("/api/v1/migrations/runs/" + run).json();
    }

    @Test
    void aRunWhoseConnectionsAreTerminatedMidwayCompletesByItselfWithEveryRecordOnce() throws Exception {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long source = upload(api, "intercom", fixture("intercom"));
        long run;
        List<Integer> ended;
        Integer worker;
        List<Integer> blocked;
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            // the run's articles wait for this transaction: the run is caught after its earlier stages committed
            try (Statement s = hold.createStatement()) {
                s.execute("lock table kb_article in share mode");
            }
            Api.Response started = api.post("/api/v1/migrations/" + source + "/full", null);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            run = started.json().path("id").asLong();
            await("the run's earlier stages committed and its articles wait", 60, () -> {
                try {
                    return runOf(api, run).path("records_done").asLong() > 0 && !waitingForLocks(hold).isEmpty();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            worker = lockHolder(hold, "porter-migration-" + ws.id() + "-" + run);
            blocked = waitingForLocks(hold);
            ended = terminateOthers(hold);
            hold.rollback();
        }
        assertThat(worker).isNotNull();
        assertThat(ended).contains(worker).containsAll(blocked);

        // a request that met a connection dropped a moment ago may fail; the run's status is what is awaited
        await("the run ended", 120, () -> {
            Api.Response r = api.get("/api/v1/migrations/runs/" + run);
            return r.status() == 200 && !r.json().path("status").asText().equals("running");
        });
        JsonNode done = runOf(api, run);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        // as an undisturbed full run of this export leaves it (MigrationApiTest), nothing twice
        assertThat(count(ws.id(), "conversation")).isEqualTo(2);
        assertThat(count(ws.id(), "ticket")).isEqualTo(1);
        assertThat(count(ws.id(), "contact")).isEqualTo(3);
        assertThat(count(ws.id(), "conversation_part")).isEqualTo(7);
        assertThat(count(ws.id(), "ticket_part")).isEqualTo(3);
        assertThat(count(ws.id(), "kb_article")).isEqualTo(3);
        assertThat(done.path("totals").path("conversation").path("migrated").asInt()).isEqualTo(2);
        assertThat(db.sql("select count(*) from domain_event where workspace_id = ? and type = 'migration.completed'")
                .param(ws.id()).query(Integer.class).single()).isEqualTo(1);
    }
}
