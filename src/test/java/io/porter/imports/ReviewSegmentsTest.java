package io.porter.imports;

import static io.porter.imports.ImportDriver.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A review classifies its rows a segment at a time, while the next segment is being read; only duplicates are
 * decided over the whole file at the end. Whatever the segment size, every row must be decided as if the file were
 * one segment: the rules themselves are proven over HTTP in {@link ImportRulesTest}, with the default segment size,
 * which holds those tests' files whole.
 */
@PorterTest
class ReviewSegmentsTest extends TestWorkspaces {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient db;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ObjectMapper json;

    @Autowired
    ImportService service;

    @Autowired
    ImportJobs jobs;

    @Autowired
    ImportFiles files;

    /** Every row's decision as the import reads it, in file order. */
    private List<Map<String, Object>> decisions(long ws, long id) {
        return db.sql("""
                select row_no, status, errors, contact_id, match_count, new_contact_id is not null as new_contact
                from import_row where workspace_id = ? and import_id = ? order by row_no""").params(ws, id).query().listOfRows();
    }

    private static int tally(List<Map<String, Object>> decisions, String status) {
        return (int) decisions.stream().filter(r -> status.equals(r.get("status"))).count();
    }

    private ImportJob.Counts reviewInSegmentsOf(int rows, long ws, long id) {
        Reviewer reviewer = new Reviewer(dataSource, db, tx, json, new ImportSettings(null, null, rows, null, null, null));
        ImportJob job = jobs.get(ws, id);
        return reviewer.review(job, service.plan(ws, job), files.original(ws, id), java.util.Locale.ENGLISH, Timings.none(), n -> { });
    }

    @Test
    void rowsAreDecidedTheSameWhateverTheSegmentSize() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        d.createContact("email", "known@example.com", "name", "Known");
        d.createContact("email", "twin@example.com", "name", "Twin One");
        d.createContact("email", "TWIN@example.com", "name", "Twin Two");
        d.createContact("email", "again@example.com", "name", "Again Before");

        StringBuilder csv = new StringBuilder("Email,Phone,Name\n");
        for (int i = 1; i <= 40; i++) {
            String email = switch (i % 10) {
                // one address on every tenth row, four times: "is also in row" with rows in other segments
                case 0 -> "Again@Example.com";
                case 3 -> i == 3 ? "twin@example.com" : "other" + i + "@example.com";
                case 7 -> i == 7 ? "known@example.com" : "new" + i + "@example.com";
                default -> "person" + i + "@example.com";
            };
            if (i == 5) {
                email = "not-an-email";
            } else if (i == 6) {
                email = "";
            }
            // a bad phone on a duplicate: its own error and the duplicate's, both
            String phone = i == 20 ? "12" : "";
            String name = i % 9 == 0 ? "" : "Person " + i;
            csv.append(email).append(',').append(phone).append(',').append(name).append('\n');
        }
        // one address on fourteen rows, next to each other: "and 3 more"
        for (int i = 0; i < 14; i++) {
            csv.append("many@example.com,,Many ").append(i).append('\n');
        }
        ImportDriver.Uploaded up = d.upload("segments.csv", csv.toString());
        JsonNode review = d.planAndReview(up, options("add-and-update", "email"), ImportDriver.mapping(up.suggestedMapping(), Map.of()));
        List<Map<String, Object>> whole = decisions(ws.id(), up.id());

        // the file does exercise every rule that needs more than one row
        assertThat(whole).hasSize(54);
        assertThat(whole).filteredOn(r -> String.valueOf(r.get("errors")).contains("is also in row")).hasSize(4 + 14);
        assertThat(whole.get(19).get("errors")).asString().contains("phone").contains("is also in row 11, 31, 41");
        assertThat(whole.get(40).get("errors")).asString().contains("and 3 more");
        assertThat(whole.get(2).get("errors")).asString().contains("2 contacts of the workspace have email twin@example.com");
        assertThat(whole.get(6).get("status")).isEqualTo("updated");
        assertThat(whole).filteredOn(r -> "imported".equals(r.get("status"))).isNotEmpty();
        ImportJob.Counts counts = new ImportJob.Counts(review.path("added").asInt(), review.path("updated").asInt(),
                review.path("skipped").asInt(), review.path("errors").asInt());
        assertThat(counts).as("the review's counts are its rows' statuses").isEqualTo(new ImportJob.Counts(
                tally(whole, "imported"), tally(whole, "updated"), tally(whole, "skipped"), tally(whole, "error")));

        for (int segment : List.of(1, 2, 3, 7, 13)) {
            assertThat(reviewInSegmentsOf(segment, ws.id(), up.id())).as("counts in segments of %d rows", segment).isEqualTo(counts);
            assertThat(decisions(ws.id(), up.id())).as("decisions in segments of %d rows", segment).isEqualTo(whole);
        }
    }
}
