package io.porter.helpdesk;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.Api;
import io.porter.support.PorterTest;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Workspace B walks every help-desk endpoint naming workspace A's things: each is a 404, and A's data is unchanged. */
@PorterTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpdeskIsolationTest extends HelpdeskTest {

    private Api a;
    private Api b;
    private long wsA;
    private long mate, team, company, conv, convPart, ticket, ticketPart, type, cat, folder, article, attachment;
    private String contactA;

    @BeforeAll
    void workspaceAWithOneOfEverything() {
        Ws one = newWorkspace();
        a = one.api();
        wsA = one.id();
        b = newWorkspace().api();
        mate = teammate(a, "Ana", "ana@a.example");
        team = created(a.post("/api/v1/teams", map("name", "A team"))).path("id").asLong();
        contactA = contact(a, "Bob A");
        company = created(a.post("/api/v1/companies", map("name", "A corp"))).path("id").asLong();
        conv = created(a.post("/api/v1/conversations", map("contact_id", contactA, "body", "hello"))).path("id").asLong();
        convPart = created(a.post("/api/v1/conversations/" + conv + "/notes", map("teammate_id", mate, "body", "n"))).path("id").asLong();
        type = created(a.post("/api/v1/ticket-types", map("name", "Bug"))).path("id").asLong();
        ticket = created(a.post("/api/v1/tickets", map("title", "T"))).path("id").asLong();
        ticketPart = created(a.post("/api/v1/tickets/" + ticket + "/notes", map("teammate_id", mate, "body", "n"))).path("id").asLong();
        cat = created(a.post("/api/v1/kb/categories", map("name", "C"))).path("id").asLong();
        folder = created(a.post("/api/v1/kb/folders", map("category_id", cat, "name", "F"))).path("id").asLong();
        article = created(a.post("/api/v1/kb/articles", map("folder_id", folder, "title", "A"))).path("id").asLong();
        attachment = created(a.upload("/api/v1/conversations/" + conv + "/parts/" + convPart + "/attachments", "a.txt",
                new byte[] {1, 2}, Map.of())).path("id").asLong();
    }

    private static Arguments call(String name, Function<HelpdeskIsolationTest, Api.Response> f) {
        return Arguments.of(Named.of(name, f));
    }

    Stream<Arguments> calls() {
        return Stream.of(
                call("get teammate", t -> t.b.get("/api/v1/teammates/" + t.mate)),
                call("patch teammate", t -> t.b.patch("/api/v1/teammates/" + t.mate, map("role", "owner"))),
                call("get team", t -> t.b.get("/api/v1/teams/" + t.team)),
                call("patch team", t -> t.b.patch("/api/v1/teams/" + t.team, map("name", "x"))),
                call("delete team", t -> t.b.delete("/api/v1/teams/" + t.team)),
                call("add team member", t -> t.b.put("/api/v1/teams/" + t.team + "/members/" + t.mate, null)),
                call("remove team member", t -> t.b.delete("/api/v1/teams/" + t.team + "/members/" + t.mate)),
                call("get company", t -> t.b.get("/api/v1/companies/" + t.company)),
                call("patch company", t -> t.b.patch("/api/v1/companies/" + t.company, map("name", "x"))),
                call("delete company", t -> t.b.delete("/api/v1/companies/" + t.company)),
                call("company contacts", t -> t.b.get("/api/v1/companies/" + t.company + "/contacts")),
                call("link contact", t -> t.b.put("/api/v1/companies/" + t.company + "/contacts/" + t.contactA, null)),
                call("unlink contact", t -> t.b.delete("/api/v1/companies/" + t.company + "/contacts/" + t.contactA)),
                call("get conversation", t -> t.b.get("/api/v1/conversations/" + t.conv)),
                call("create conversation for A's contact", t -> t.b.post("/api/v1/conversations", map("contact_id", t.contactA))),
                call("patch conversation", t -> t.b.patch("/api/v1/conversations/" + t.conv, map("title", "x"))),
                call("conversation parts", t -> t.b.get("/api/v1/conversations/" + t.conv + "/parts")),
                call("reply", t -> t.b.post("/api/v1/conversations/" + t.conv + "/reply", map("author_type", "contact", "body", "x"))),
                call("note", t -> t.b.post("/api/v1/conversations/" + t.conv + "/notes", map("teammate_id", t.mate, "body", "x"))),
                call("assign", t -> t.b.post("/api/v1/conversations/" + t.conv + "/assign", map("assignee_id", null))),
                call("close", t -> t.b.post("/api/v1/conversations/" + t.conv + "/close", null)),
                call("reopen", t -> t.b.post("/api/v1/conversations/" + t.conv + "/reopen", null)),
                call("snooze", t -> t.b.post("/api/v1/conversations/" + t.conv + "/snooze", map("snoozed_until", "2099-01-01"))),
                call("rate", t -> t.b.post("/api/v1/conversations/" + t.conv + "/rate", map("rating", 1))),
                call("read", t -> t.b.post("/api/v1/conversations/" + t.conv + "/read", null)),
                call("attach to conversation part", t -> t.b.upload("/api/v1/conversations/" + t.conv + "/parts/" + t.convPart + "/attachments", "x.txt", new byte[] {1}, Map.of())),
                call("attach to ticket part", t -> t.b.upload("/api/v1/tickets/" + t.ticket + "/parts/" + t.ticketPart + "/attachments", "x.txt", new byte[] {1}, Map.of())),
                call("get attachment", t -> t.b.get("/api/v1/attachments/" + t.attachment)),
                call("download attachment", t -> t.b.get("/api/v1/attachments/" + t.attachment + "/content")),
                call("get ticket type", t -> t.b.get("/api/v1/ticket-types/" + t.type)),
                call("patch ticket type", t -> t.b.patch("/api/v1/ticket-types/" + t.type, map("name", "x"))),
                call("create ticket of A's type", t -> t.b.post("/api/v1/tickets", map("title", "x", "ticket_type_id", t.type))),
                call("get ticket", t -> t.b.get("/api/v1/tickets/" + t.ticket)),
                call("patch ticket", t -> t.b.patch("/api/v1/tickets/" + t.ticket, map("title", "x"))),
                call("ticket parts", t -> t.b.get("/api/v1/tickets/" + t.ticket + "/parts")),
                call("ticket reply", t -> t.b.post("/api/v1/tickets/" + t.ticket + "/reply", map("author_type", "contact", "body", "x"))),
                call("ticket note", t -> t.b.post("/api/v1/tickets/" + t.ticket + "/notes", map("teammate_id", t.mate, "body", "x"))),
                call("ticket state", t -> t.b.post("/api/v1/tickets/" + t.ticket + "/state", map("state", "resolved"))),
                call("ticket assign", t -> t.b.post("/api/v1/tickets/" + t.ticket + "/assign", map("assignee_id", null))),
                call("get category", t -> t.b.get("/api/v1/kb/categories/" + t.cat)),
                call("patch category", t -> t.b.patch("/api/v1/kb/categories/" + t.cat, map("name", "x"))),
                call("delete category", t -> t.b.delete("/api/v1/kb/categories/" + t.cat)),
                call("folders of A's category", t -> t.b.get("/api/v1/kb/folders?category_id=" + t.cat)),
                call("create folder in A's category", t -> t.b.post("/api/v1/kb/folders", map("category_id", t.cat, "name", "x"))),
                call("get folder", t -> t.b.get("/api/v1/kb/folders/" + t.folder)),
                call("patch folder", t -> t.b.patch("/api/v1/kb/folders/" + t.folder, map("name", "x"))),
                call("delete folder", t -> t.b.delete("/api/v1/kb/folders/" + t.folder)),
                call("articles of A's folder", t -> t.b.get("/api/v1/kb/articles?folder_id=" + t.folder)),
                call("create article in A's folder", t -> t.b.post("/api/v1/kb/articles", map("folder_id", t.folder, "title", "x"))),
                call("get article", t -> t.b.get("/api/v1/kb/articles/" + t.article)),
                call("patch article", t -> t.b.patch("/api/v1/kb/articles/" + t.article, map("default_locale", "es"))),
                call("delete article", t -> t.b.delete("/api/v1/kb/articles/" + t.article)),
                call("put translation", t -> t.b.put("/api/v1/kb/articles/" + t.article + "/translations/es", map("title", "x"))),
                call("delete translation", t -> t.b.delete("/api/v1/kb/articles/" + t.article + "/translations/en")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void anotherWorkspacesThingsAreNotFound(Function<HelpdeskIsolationTest, Api.Response> call) {
        int before = events(wsA).size();
        Api.Response r = call.apply(this);
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(events(wsA)).hasSize(before);
    }

    @Test
    void listsOfAnotherWorkspaceAreEmpty() {
        for (String path : new String[] {"/api/v1/teammates", "/api/v1/teams", "/api/v1/companies", "/api/v1/conversations",
                "/api/v1/tickets", "/api/v1/kb/articles", "/api/v1/kb/categories", "/api/v1/kb/folders", "/api/v1/ticket-types",
                "/api/v1/conversations?contact_id=" + contactA, "/api/v1/conversations?assignee_id=" + mate}) {
            Api.Response r = b.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.json().path("data")).as(path).isEmpty();
        }
        assertThat(a.get("/api/v1/conversations/" + conv).json().path("parts_count").asInt()).isEqualTo(2);
        assertThat(a.get("/api/v1/kb/articles/" + article).json().path("translations")).hasSize(1);
    }
}
