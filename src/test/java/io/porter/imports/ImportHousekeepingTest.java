package io.porter.imports;

import static io.porter.imports.ImportDriver.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What imports leave behind is kept only as long as promised: result files for their keeping period, a review's
 * staged rows while it is valid. The clock is moved by setting the expiry in the past, as the passing of days would.
 */
@PorterTest
class ImportHousekeepingTest extends TestWorkspaces {

    private static final String CSV = """
            Email,Name
            ana@example.com,Ana
            luis@example.com,Luis
            """;

    @Autowired
    JdbcClient db;

    @Autowired
    ImportHousekeeping housekeeping;

    @Test
    void aResultFileIsDeletedAfterItsKeepingPeriodAndHistorySaysSo() {
        Ws ws = newWorkspace("ES");
        ImportDriver.Outcome o = new ImportDriver(ws.api()).run(CSV, options("add-and-update", "email"));
        assertThat(ws.api().get("/api/v1/imports/" + o.id() + "/result.csv").status()).isEqualTo(200);
        assertThat(stagedRows(ws, o.id())).as("the rows are kept with the result file").isEqualTo(2);

        db.sql("update import_job set result_expires_at = now() - interval '1 minute' where workspace_id = ? and id = ?")
                .params(ws.id(), o.id()).update();
        housekeeping.run();

        Api.Response gone = ws.api().get("/api/v1/imports/" + o.id() + "/result.csv");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.detail()).contains("has been deleted");
        Api.Response job = ws.api().get("/api/v1/imports/" + o.id());
        assertThat(job.json().path("result_file").isNull()).as(job.toString()).isTrue();
        assertThat(job.json().path("status").asText()).isEqualTo("completed");
        assertThat(stagedRows(ws, o.id())).as("the rows go with the result file").isZero();
        Api.Response rows = ws.api().get("/api/v1/imports/" + o.id() + "/rows");
        assertThat(rows.status()).as(rows.toString()).isEqualTo(410);
    }

    @Test
    void anExpiredReviewLosesItsStagedRowsAndCannotStart() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("contacts.csv", CSV, options("add-and-update", "email"));
        assertThat(stagedRows(ws, up.id())).isEqualTo(2);

        db.sql("update import_job set review_expires_at = now() - interval '1 minute' where workspace_id = ? and id = ?")
                .params(ws.id(), up.id()).update();
        housekeeping.run();

        assertThat(stagedRows(ws, up.id())).isZero();
        Api.Response start = d.start(up.id());
        assertThat(start.status()).isBetween(400, 409);
        assertThat(start.detail()).contains("expired").contains("review it again");
    }

    private long stagedRows(Ws ws, long id) {
        return db.sql("select count(*) from import_row where workspace_id = ? and import_id = ?").params(ws.id(), id)
                .query(Long.class).single();
    }
}
