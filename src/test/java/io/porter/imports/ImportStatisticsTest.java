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
 * Imports and exports keep PostgreSQL's estimates of the workspace's contacts and tags near the truth. Where it does not (a workspace
 * grown since the last ANALYZE, and this project's CI runs PostgreSQL without autovacuum), the planner walks all the
 * workspace's contacts once per row of a chunk: a second workspace's 50,000-row import took 88 s instead of 2.
 * Tags likewise: each row's tag ids are looked up by name, each exported contact's names by id. Each test first
 * analyses the table while its workspace is empty, as a server that has run for a while has.
 */
@PorterTest
class ImportStatisticsTest extends TestWorkspaces {

    private static final int ROWS = 3000;

    @Autowired
    JdbcClient db;

    /** The planner's estimate of the workspace's rows in {@code table}. */
    private long estimate(String table, Ws ws) {
        return WorkspaceRows.of(db, table, ws.id()).estimate();
    }

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
        assertThat(estimate("contact", ws)).as("the planner's estimate before").isLessThan(ROWS / 10);

        ImportDriver.Outcome o = new ImportDriver(ws.api()).run(contacts(ROWS), options("add-and-update", "email"));

        assertThat(o.job().path("counts").path("added").asInt()).isEqualTo(ROWS);
        assertThat(estimate("contact", ws)).as("the planner's estimate after").isGreaterThanOrEqualTo(ROWS / 5);
    }

    @Test
    void anImportThatCreatesManyTagsLeavesThePlannerKnowingThem() {
        // each row's tag ids are looked up by name, and each exported contact's tag names by id: with statistics
        // that think the workspace has no tags, 30,000 rows with a tag each took 58 s to import and over 5 minutes to export
        Ws ws = newWorkspace("ES");
        db.sql("analyze tag").update();
        StringBuilder csv = new StringBuilder("Email,Name,Tags\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("person").append(i).append("@tags.example.com,Person ").append(i).append(",customer-").append(i).append('\n');
        }

        ImportDriver.Outcome o = new ImportDriver(ws.api()).run(csv.toString(), options("add-and-update", "email"));

        assertThat(o.job().path("counts").path("added").asInt()).isEqualTo(ROWS);
        assertThat(estimate("tag", ws)).as("the planner's estimate of the tags").isGreaterThanOrEqualTo(ROWS / 5);
    }

    @Test
    void anExportNoticesTagsThePlannerDoesNotKnow() {
        Ws ws = newWorkspace("ES");
        db.sql("analyze tag").update();
        // tags that arrived without an import
        db.sql("insert into tag (workspace_id, name) select ?, 'segment-' || i from generate_series(0, ? - 1) i")
                .params(ws.id(), ROWS).update();
        new ImportDriver(ws.api()).createContact("email", "ana@example.com", "name", "Ana");
        assertThat(estimate("tag", ws)).as("the planner's estimate before").isLessThan(ROWS / 10);

        assertThat(ws.api().get("/api/v1/contacts/export.csv").status()).isEqualTo(200);

        assertThat(estimate("tag", ws)).as("the planner's estimate after").isGreaterThanOrEqualTo(ROWS / 2);
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
        assertThat(estimate("contact", ws)).as("the planner's estimate before").isLessThan(ROWS / 10);

        new ImportDriver(ws.api()).reviewed("contacts.csv", contacts(ROWS), options("update-existing", "email"));

        assertThat(estimate("contact", ws)).as("the planner's estimate after").isGreaterThanOrEqualTo(ROWS / 2);
    }
}
