package io.porter.imports;

import static io.porter.imports.ImportDriver.options;
import static io.porter.imports.ImportDriver.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reviewed rows over the API, as a client reads them: spreadsheet row numbers, statuses, errors by column,
 * what an update will change, pages and filters, before and after the import.
 */
@PorterTest
class ImportRowsTest extends TestWorkspaces {

    @Autowired
    ImportService imports;

    @Autowired
    JdbcClient db;

    /** Row 3 is blank: a spreadsheet still counts it, and so do the row numbers. */
    private static final String MIXED = """
            Email,Name
            ana@example.com,Ana

            not-an-email,Bad
            dup@example.com,Dup One
            dup@example.com,Dup Two
            known@example.com,Known Again
            """;

    @Test
    void everyRowHasItsSpreadsheetNumberStatusAndErrorsByColumn() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String known = d.createContact("email", "known@example.com", "name", "Known").path("id").asText();
        ImportDriver.Uploaded up = d.reviewed("mixed.csv", MIXED, options("add-and-update", "email"));

        JsonNode all = rows(ws, up.id(), "");
        assertThat(all.path("total").asInt()).isEqualTo(5);
        assertThat(numbers(all)).containsExactly(2, 4, 5, 6, 7);
        assertThat(statuses(all)).containsExactly("imported", "error", "error", "error", "updated");

        JsonNode bad = row(all, 4);
        assertThat(bad.path("errors")).hasSize(1);
        assertThat(bad.path("errors").get(0).path("column").asText()).isEqualTo("Email");
        assertThat(bad.path("errors").get(0).path("value").asText()).isEqualTo("not-an-email");
        assertThat(bad.path("errors").get(0).path("message").asText()).contains("not-an-email");
        assertThat(bad.path("contact_id").isNull()).isTrue();

        JsonNode dup = row(all, 5).path("errors").get(0);
        assertThat(dup.path("column").asText()).isEqualTo("Email");
        assertThat(dup.path("value").asText()).isEqualTo("dup@example.com");
        assertThat(dup.path("message").asText()).as("row references are spreadsheet rows").contains("also in row 6");
        assertThat(row(all, 6).path("errors").get(0).path("message").asText()).contains("also in row 5");

        JsonNode update = row(all, 7);
        assertThat(update.path("contact_id").asText()).isEqualTo(known);
        assertThat(update.path("changes").get(0).path("field").asText()).isEqualTo("name");
        assertThat(update.path("changes").get(0).path("from").asText()).isEqualTo("Known");
        assertThat(update.path("changes").get(0).path("to").asText()).isEqualTo("Known Again");
        assertThat(row(all, 2).path("contact_id").asText()).as("the contact the row will create").isNotBlank();
        assertThat(row(all, 2).path("errors")).isEmpty();
        assertThat(row(all, 2).path("changes")).isEmpty();

        // the error file says the same messages, joined, beside the same rows
        List<List<String>> errorFile = ImportDriver.parse(ws.api().get("/api/v1/imports/" + up.id() + "/errors.csv").body());
        assertThat(errorFile.get(1)).containsExactly("not-an-email", "Bad", bad.path("errors").get(0).path("message").asText());
        assertThat(errorFile.get(2).get(2)).isEqualTo(dup.path("message").asText());
    }

    @Test
    void aStatusFilterAndPagesGoThroughTheRowsInFileOrder() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        d.createContact("email", "known@example.com", "name", "Known");
        ImportDriver.Uploaded up = d.reviewed("mixed.csv", MIXED, options("add-and-update", "email"));

        JsonNode errors = rows(ws, up.id(), "status=error");
        assertThat(errors.path("total").asInt()).isEqualTo(3);
        assertThat(numbers(errors)).containsExactly(4, 5, 6);
        JsonNode updated = rows(ws, up.id(), "status=updated");
        assertThat(updated.path("total").asInt()).isEqualTo(1);
        assertThat(numbers(updated)).containsExactly(7);
        assertThat(rows(ws, up.id(), "status=skipped").path("total").asInt()).isZero();
        assertThat(rows(ws, up.id(), "status=skipped").path("data")).isEmpty();

        JsonNode second = rows(ws, up.id(), "page=2&per_page=2");
        assertThat(numbers(second)).containsExactly(5, 6);
        assertThat(second.path("total").asInt()).isEqualTo(5);
        assertThat(numbers(rows(ws, up.id(), "status=error&page=2&per_page=2"))).containsExactly(6);
        assertThat(rows(ws, up.id(), "page=4&per_page=2").path("data")).as("past the last page").isEmpty();
    }

    @Test
    void pagesOfAnySizeTakeEachRowOnceInOrderFarIntoTheFile() {
        Ws ws = newWorkspace("ES");
        StringBuilder csv = new StringBuilder("Email,Name\n");
        List<Integer> every = new ArrayList<>();
        List<Integer> inError = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            boolean bad = i % 7 == 3;
            csv.append(bad ? "bad" + i : "p" + i + "@example.com").append(",P").append(i).append('\n');
            every.add(i + 2);
            if (bad) {
                inError.add(i + 2);
            }
        }
        ImportDriver.Uploaded up = new ImportDriver(ws.api()).reviewed("many.csv", csv.toString(), options("add-new", "email"));

        assertThat(allPages(ws, up.id(), "", 30)).isEqualTo(every);
        assertThat(allPages(ws, up.id(), "", 100)).isEqualTo(every);
        assertThat(allPages(ws, up.id(), "status=error&", 7)).isEqualTo(inError);
        assertThat(allPages(ws, up.id(), "status=imported&", 100)).hasSize(every.size() - inError.size()).doesNotContainAnyElementsOf(inError);
        assertThat(numbers(rows(ws, up.id(), "page=4&per_page=100"))).containsExactlyElementsOf(every.subList(300, 350));
        assertThat(rows(ws, up.id(), "page=5&per_page=100").path("data")).isEmpty();

        // pages asked for right after the review skip from the first row; once the anchors are worked out they start
        // from them: the same rows either way
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!db.sql("select row_anchors is not null from import_job where workspace_id = ? and id = ?")
                .params(ws.id(), up.id()).query(Boolean.class).single()) {
            assertThat(System.nanoTime()).as("the anchors are worked out within a minute").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(allPages(ws, up.id(), "", 30)).isEqualTo(every);
        assertThat(allPages(ws, up.id(), "status=error&", 7)).isEqualTo(inError);
    }

    private static List<Integer> allPages(Ws ws, long id, String filter, int perPage) {
        List<Integer> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<Integer> got = numbers(rows(ws, id, filter + "page=" + page + "&per_page=" + perPage));
            if (got.isEmpty()) {
                return out;
            }
            out.addAll(got);
        }
    }

    @Test
    void anUpdateListsTheFieldsItChangesClearsAndTheTagsItReplacesAndTheRowsStayAfterTheImport() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        assertThat(ws.api().post("/api/v1/fields", Map.of("key", "plan", "label", "Plan", "type", "text")).status()).isEqualTo(201);
        String full = d.createContact("email", "full@example.com", "name", "Old Name", "city", "Sevilla", "language", "es",
                "custom_attributes", Map.of("plan", "gold")).path("id").asText();
        d.tag(full, "old");
        String other = d.createContact("email", "other@example.com", "name", "Other", "city", "Sevilla",
                "custom_attributes", Map.of("plan", "gold")).path("id").asText();
        d.tag(other, "old");
        ImportDriver.Uploaded up = d.reviewed("update.csv", """
                Email,Name,City,Plan,Tags
                full@example.com,New Name,,silver,vip; new
                other@example.com,Other,Bilbao,,
                """, with(options("update-existing", "email"), "tags", List.of("campaign")));

        JsonNode all = rows(ws, up.id(), "status=updated");
        assertThat(changes(row(all, 2))).containsExactly(
                "name: Old Name → New Name", "city: Sevilla → null", "custom.plan: gold → silver", "tags: [old] → [campaign, new, vip]");
        assertThat(changes(row(all, 3))).containsExactly(
                "city: Sevilla → Bilbao", "custom.plan: gold → null", "tags: [old] → [campaign]");
        assertThat(imports.warnings(ws.id(), up.id())).as("a cleared city and plan; 'old' removed twice")
                .isEqualTo(new UpdateLosses(2, 2));

        // 'do not overwrite' reviewed again: only empty fields are filled, nothing is cleared or removed
        imports.reviewWithoutOverwriting(ws.id(), up.id(), java.util.Locale.ENGLISH);
        JsonNode kept = rows(ws, up.id(), "status=updated");
        assertThat(changes(row(kept, 2))).containsExactly("tags: [old] → [campaign, new, old, vip]");
        assertThat(changes(row(kept, 3))).containsExactly("tags: [old] → [campaign, old]");
        assertThat(imports.warnings(ws.id(), up.id())).isEqualTo(new UpdateLosses(0, 0));

        assertThat(d.start(up.id()).status()).isEqualTo(202);
        d.await(up.id());
        JsonNode after = rows(ws, up.id(), "");
        assertThat(numbers(after)).as("the rows are kept with the result file").containsExactly(2, 3);
        assertThat(statuses(after)).containsExactly("updated", "updated");
        assertThat(row(after, 2).path("contact_id").asText()).isEqualTo(full);
        assertThat(row(after, 2).path("changes").isNull()).as("what was there before is no longer known").isTrue();
    }

    @Test
    void rowsInErrorStayReadableAfterTheImportCompletes() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Outcome o = d.run(MIXED, options("add-and-update", "email"));
        JsonNode errors = rows(ws, o.id(), "status=error");
        assertThat(numbers(errors)).containsExactly(4, 5, 6);
        assertThat(errors.path("data").get(0).path("errors").get(0).path("message").asText()).isEqualTo(o.errors(1));
        assertThat(rows(ws, o.id(), "status=imported").path("total").asInt()).isEqualTo(2);
    }

    @Test
    void badParametersAreClearProblemsAndAnotherWorkspaceSeesNothing() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("mixed.csv", MIXED, options("add-and-update", "email"));
        String base = "/api/v1/imports/" + up.id() + "/rows?";

        for (String bad : List.of("status=done", "page=0", "per_page=0", "per_page=500", "page=abc", "per_page=x")) {
            Api.Response r = ws.api().get(base + bad);
            assertThat(r.status()).as(bad + " → " + r).isEqualTo(400);
            assertThat(r.contentType()).contains("problem+json");
            assertThat(r.detail()).as(bad).contains(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(ws.api().get(base + "status=done").detail()).contains("error, imported, updated, skipped");

        Ws stranger = newWorkspace("ES");
        Api.Response other = stranger.api().get(base);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("ana@example.com");

        ImportDriver.Uploaded notReviewed = d.upload("later.csv", MIXED);
        Api.Response early = ws.api().get("/api/v1/imports/" + notReviewed.id() + "/rows");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.detail()).contains("not been reviewed");
    }

    private static JsonNode rows(Ws ws, long id, String query) {
        Api.Response r = ws.api().get("/api/v1/imports/" + id + "/rows" + (query.isEmpty() ? "" : "?" + query));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode row(JsonNode page, int number) {
        for (JsonNode r : page.path("data")) {
            if (r.path("row").asInt() == number) {
                return r;
            }
        }
        throw new AssertionError("no row " + number + " in " + page);
    }

    private static List<Integer> numbers(JsonNode page) {
        List<Integer> out = new ArrayList<>();
        page.path("data").forEach(r -> out.add(r.path("row").asInt()));
        return out;
    }

    private static List<String> statuses(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("data").forEach(r -> out.add(r.path("status").asText()));
        return out;
    }

    /** A row's changes as "field: from → to", values as JSON shows them (null, text, or a list of tags). */
    private static List<String> changes(JsonNode row) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : row.path("changes")) {
            out.add(c.path("field").asText() + ": " + shown(c.path("from")) + " → " + shown(c.path("to")));
        }
        return out;
    }

    private static String shown(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            return items.toString();
        }
        return v.isNull() || v.isMissingNode() ? "null" : v.asText();
    }
}
