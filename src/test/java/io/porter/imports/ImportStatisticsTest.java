package io.porter.imports;

import static io.porter.imports.ImportDriver.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.porter.db.WorkspaceRows;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An import keeps PostgreSQL's estimate of the workspace's contacts near the truth. Where it does not (a workspace
 * grown since the last ANALYZE, and this project's CI runs PostgreSQL without autovacuum), the planner walks all the
 * workspace's contacts once per row of a chunk: a second workspace's 50,000-row import took 88 s instead of 2.
 * Each test first analyses {@code contact} while its workspace is empty, as a server that has run for a while has.
 */
@PorterTest
class ImportStatisticsTest extends TestWorkspaces {

    private static final int ROWS = 3000;

    @Autowired
    JdbcClient db;

    private static String contacts(int n) {
        StringBuilder csv = new StringBuilder("Email,Name\n");
        for (int i = 0; i < n; i++) {
            csv.append("person").append(i).append("@stats.example.com,Person ").append(i).append('\n');
        }
        return csv.toString();
    }

    @Test
    void anImportIntoANewWorkspaceLeavesThePlannerKnowingItsContacts() {
        Ws ws = newWorkspace("ES");
        db.sql("analyze contact").update();
        assertThat(WorkspaceRows.of(db, "contact", ws.id()).estimate()).as("the planner's estimate before").isLessThan(ROWS / 10);

        ImportDriver.Outcome o = new ImportDriver(ws.api()).run(contacts(ROWS), options("add-and-update", "email"));

        assertThat(o.job().path("counts").path("added").asInt()).isEqualTo(ROWS);
        assertThat(WorkspaceRows.of(db, "contact", ws.id()).estimate()).as("the planner's estimate after").isGreaterThanOrEqualTo(ROWS / 5);
    }

    @Test
    void aReviewNoticesContactsThePlannerDoesNotKnow() {
        Ws ws = newWorkspace("ES");
        db.sql("analyze contact").update();
        // contacts that arrived without an import: the planner has not seen them
        db.sql("""
                insert into contact (workspace_id, name, email, email_key)
                select ?, 'Person ' || i, 'person' || i || '@stats.example.com', 'person' || i || '@stats.example.com'
                from generate_series(0, ? - 1) i""").params(ws.id(), ROWS).update();
        assertThat(WorkspaceRows.of(db, "contact", ws.id()).estimate()).as("the planner's estimate before").isLessThan(ROWS / 10);

        new ImportDriver(ws.api()).reviewed("contacts.csv", contacts(ROWS), options("update-existing", "email"));

        assertThat(WorkspaceRows.of(db, "contact", ws.id()).estimate()).as("the planner's estimate after").isGreaterThanOrEqualTo(ROWS / 2);
    }
}
