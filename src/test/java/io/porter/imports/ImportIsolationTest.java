package io.porter.imports;

import static io.porter.imports.ImportDriver.mapping;
import static io.porter.imports.ImportDriver.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workspace B's token against workspace A's imports, in every state an import has: for B they are not there
 * (404, never 403), B's history lists only B's, and A's imports and contacts are unchanged afterwards.
 */
@PorterTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportIsolationTest extends TestWorkspaces {

    private static final String CSV = "Email,Name\nana@example.com,Ana Import\n";

    private Ws a;
    private Ws b;
    private long uploaded;
    private long reviewed;
    private long completed;
    private String anaOfA;

    @BeforeAll
    void importsOfA() {
        a = newWorkspace("ES");
        b = newWorkspace("ES");
        ImportDriver d = new ImportDriver(a.api());
        anaOfA = d.createContact("email", "ana@example.com", "name", "Ana").path("id").asText();
        uploaded = d.upload("uploaded.csv", CSV).id();
        ImportDriver.Uploaded r = d.upload("reviewed.csv", CSV);
        assertThat(d.plan(r.id(), options("update-existing", "email"), mapping(r.suggestedMapping(), Map.of())).status()).isEqualTo(200);
        assertThat(d.review(r.id()).status()).isEqualTo(200);
        reviewed = r.id();
        completed = d.run("Email,Name\nbea@example.com,Bea\n", options("add-and-update", "email")).id();
    }

    Stream<Arguments> callsOnAnImportOfAnotherWorkspace() {
        List<Arguments> out = new ArrayList<>();
        for (String state : List.of("uploaded", "reviewed", "completed")) {
            out.add(call(state, "status", (api, id) -> api.get("/api/v1/imports/" + id)));
            out.add(call(state, "preview", (api, id) -> api.get("/api/v1/imports/" + id + "/preview")));
            out.add(call(state, "plan", (api, id) -> api.put("/api/v1/imports/" + id + "/plan", Map.of(
                    "options", options("add-and-update", "email"),
                    "mapping", List.of(Map.of("column", 0, "header", "Email", "field", "email"),
                            Map.of("column", 1, "header", "Name", "field", "name"))))));
            out.add(call(state, "review", (api, id) -> api.post("/api/v1/imports/" + id + "/review", Map.of())));
            out.add(call(state, "errors.csv", (api, id) -> api.get("/api/v1/imports/" + id + "/errors.csv")));
            out.add(call(state, "start", (api, id) -> api.post("/api/v1/imports/" + id + "/start", Map.of())));
            out.add(call(state, "result.csv", (api, id) -> api.get("/api/v1/imports/" + id + "/result.csv")));
        }
        return out.stream();
    }

    private static Arguments call(String state, String name, BiFunction<Api, Long, Api.Response> call) {
        return Arguments.of(state, Named.of(name, call));
    }

    private long idOf(String state) {
        return switch (state) {
            case "uploaded" -> uploaded;
            case "reviewed" -> reviewed;
            default -> completed;
        };
    }

    @ParameterizedTest(name = "{0} import: {1}")
    @MethodSource("callsOnAnImportOfAnotherWorkspace")
    void anotherWorkspaceGets404(String state, BiFunction<Api, Long, Api.Response> call) {
        long id = idOf(state);
        JsonNode before = a.api().get("/api/v1/imports/" + id).json();

        Api.Response r = call.apply(b.api(), id);

        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("ana@example.com", "uploaded.csv", "reviewed.csv", "contacts.csv");
        JsonNode after = a.api().get("/api/v1/imports/" + id).json();
        assertThat(after.path("status").asText()).isEqualTo(before.path("status").asText());
        assertThat(after.path("options")).isEqualTo(before.path("options"));
        assertThat(after.path("reviewed_at")).isEqualTo(before.path("reviewed_at"));
        assertThat(new ImportDriver(a.api()).contact(anaOfA).path("name").asText()).isEqualTo("Ana");
    }

    @Test
    void historyListsOnlyTheWorkspacesOwnImports() {
        JsonNode historyOfB = b.api().get("/api/v1/imports").json();
        List<Long> ids = new ArrayList<>();
        historyOfB.path("data").forEach(j -> ids.add(j.path("id").asLong()));
        assertThat(ids).doesNotContain(uploaded, reviewed, completed);
        assertThat(historyOfB.path("total").asInt()).isEqualTo(ids.size());

        List<Long> idsOfA = new ArrayList<>();
        a.api().get("/api/v1/imports").json().path("data").forEach(j -> idsOfA.add(j.path("id").asLong()));
        assertThat(idsOfA).contains(uploaded, reviewed, completed);
    }

    @Test
    void anImportMatchesOnlyContactsOfItsOwnWorkspace() {
        ImportDriver d = new ImportDriver(b.api());
        ImportDriver.Outcome o = d.run("Email,Name\nana@example.com,Ana of B\n", options("add-and-update", "email"));
        assertThat(o.statuses()).containsExactly("Imported");
        assertThat(new ImportDriver(a.api()).contact(anaOfA).path("name").asText()).isEqualTo("Ana");
        assertThat(d.byEmail("ana@example.com").path("name").asText()).isEqualTo("Ana of B");

        ImportDriver.Outcome u = d.run("Email,Name\nbea@example.com,Bea of B\n", options("update-existing", "email"));
        assertThat(u.statuses()).as("bea@example.com exists only in the other workspace").containsExactly("Skipped");
        assertThat(new ImportDriver(a.api()).byEmail("bea@example.com").path("name").asText()).isEqualTo("Bea");
    }
}
