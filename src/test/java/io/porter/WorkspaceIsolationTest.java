package io.porter;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.util.List;
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
 * Workspace B's token walks every endpoint against workspace A's data. Anything of A is, for B, simply not
 * there: 404 (never 403, which would tell that it exists), empty lists, and A's data unchanged afterwards.
 */
@PorterTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceIsolationTest extends TestWorkspaces {

    private Api a;
    private Api b;
    private String contactOfA;

    @BeforeAll
    void twoWorkspaces() {
        a = newWorkspace("ES").api();
        b = newWorkspace("ES").api();
        a.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "text"));
        contactOfA = a.post("/api/v1/contacts", map("name", "Ana", "email", "ana@example.com", "user_id", "u-a",
                "phone", "+34 612 34 56 78", "custom_attributes", map("plan", "pro"))).json().path("id").asText();
        a.post("/api/v1/contacts/" + contactOfA + "/tags", map("name", "VIP"));
        a.post("/api/v1/events", map("contact_id", contactOfA, "name", "signed_in"));
    }

    /** Each call B makes that names A's contact; each must be a 404. */
    Stream<Arguments> callsOnAContactOfAnotherWorkspace() {
        return Stream.of(
                call("get contact", (api, id) -> api.get("/api/v1/contacts/" + id)),
                call("patch contact", (api, id) -> api.patch("/api/v1/contacts/" + id, map("name", "Hacked"))),
                call("delete contact", (api, id) -> api.delete("/api/v1/contacts/" + id)),
                call("add tag", (api, id) -> api.post("/api/v1/contacts/" + id + "/tags", map("name", "Hacked"))),
                call("remove tag", (api, id) -> api.delete("/api/v1/contacts/" + id + "/tags/VIP")),
                call("list events", (api, id) -> api.get("/api/v1/contacts/" + id + "/events")),
                call("event by contact_id", (api, id) -> api.post("/api/v1/events", map("contact_id", id, "name", "x"))),
                call("event by email", (api, id) -> api.post("/api/v1/events", map("email", "ANA@example.com", "name", "x"))),
                call("event by user_id", (api, id) -> api.post("/api/v1/events", map("user_id", "u-a", "name", "x"))),
                call("patch field", (api, id) -> api.patch("/api/v1/fields/plan", map("label", "Hacked"))),
                call("get field", (api, id) -> api.get("/api/v1/fields/plan")),
                call("delete field", (api, id) -> api.delete("/api/v1/fields/plan")));
    }

    private static Arguments call(String name, BiFunction<Api, String, Api.Response> call) {
        return Arguments.of(Named.of(name, call));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsOnAContactOfAnotherWorkspace")
    void anotherWorkspacesContactIsNotFound(BiFunction<Api, String, Api.Response> call) {
        Api.Response asB = call.apply(b, contactOfA);
        assertThat(asB.status()).as(asB.toString()).isEqualTo(404);
        assertThat(asB.contentType()).startsWith("application/problem+json");
        assertUntouched();
    }

    /** Each list or search B makes; none may show A's contact. */
    Stream<Arguments> listsOfAnotherWorkspace() {
        return Stream.of(
                Arguments.of(Named.of("all", "/api/v1/contacts")),
                Arguments.of(Named.of("by email", "/api/v1/contacts?email=ana@example.com")),
                Arguments.of(Named.of("by phone", "/api/v1/contacts?phone=612345678")),
                Arguments.of(Named.of("by user_id", "/api/v1/contacts?user_id=u-a")),
                Arguments.of(Named.of("by tag", "/api/v1/contacts?tag=VIP")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listsOfAnotherWorkspace")
    void searchesNeverReturnAnotherWorkspacesContacts(String path) {
        Api.Response asB = b.get(path);
        assertThat(asB.status()).isEqualTo(200);
        assertThat(asB.json().path("total").asLong()).isZero();
        assertThat(asB.json().path("data")).isEmpty();
        // the same search finds the contact in its own workspace, so an empty answer above means isolation
        assertThat(a.get(path).json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aBatchFromAnotherWorkspaceCannotReachTheContact() {
        Api.Response r = b.post("/api/v1/events/batch", map("events", List.of(
                map("contact_id", contactOfA, "name", "x"), map("email", "ana@example.com", "name", "x"),
                map("user_id", "u-a", "name", "x"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors")).hasSize(3);
        assertUntouched();
    }

    @Test
    void tagsAndFieldDefinitionsArePerWorkspace() {
        assertThat(b.get("/api/v1/tags").json().path("data")).isEmpty();
        assertThat(b.get("/api/v1/fields").json().path("data")).isEmpty();
        // B cannot use A's field, and defining its own with the same key is no conflict
        assertThat(b.post("/api/v1/contacts", map("name", "B", "custom_attributes", map("plan", "x"))).status()).isEqualTo(400);
        Ws c = newWorkspace();
        assertThat(c.api().post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "number")).status()).isEqualTo(201);
        assertThat(a.get("/api/v1/fields/plan").json().path("type").asText()).isEqualTo("text");
        assertThat(a.get("/api/v1/tags").json().path("data").get(0).path("contact_count").asLong()).isEqualTo(1);
    }

    private void assertUntouched() {
        Api.Response contact = a.get("/api/v1/contacts/" + contactOfA);
        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.json().path("name").asText()).isEqualTo("Ana");
        assertThat(contact.json().path("tags").toString()).isEqualTo("[\"VIP\"]");
        assertThat(contact.json().path("custom_attributes").path("plan").asText()).isEqualTo("pro");
        assertThat(a.get("/api/v1/contacts/" + contactOfA + "/events").json().path("total").asLong()).isEqualTo(1);
        assertThat(a.get("/api/v1/fields/plan").json().path("label").asText()).isEqualTo("Plan");
    }
}
