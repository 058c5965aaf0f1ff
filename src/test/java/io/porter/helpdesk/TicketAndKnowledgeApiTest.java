package io.porter.helpdesk;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@PorterTest
class TicketAndKnowledgeApiTest extends HelpdeskTest {

    @Test
    void aTicketMovesThroughItsStatesWithPartsAndEvents() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long ana = teammate(api, "Ana Agent", "ana@support.example");
        String bob = contact(api, "Bob Buyer");
        long type = created(api.post("/api/v1/ticket-types", map("name", "Bug", "category", "back_office"))).path("id").asLong();
        JsonNode t1 = created(api.post("/api/v1/tickets", map("title", "Crash on save", "description", "It crashes",
                "ticket_type_id", type, "contact_id", bob, "shared_with_contact", false)));
        JsonNode t2 = created(api.post("/api/v1/tickets", map("title", "Second")));
        assertThat(t1.path("ticket_number").asLong()).isEqualTo(1);
        assertThat(t2.path("ticket_number").asLong()).isEqualTo(2);
        assertThat(t1.path("category").asText()).isEqualTo("back_office");
        assertThat(t1.path("state").asText()).isEqualTo("submitted");
        long id = t1.path("id").asLong();

        created(api.post("/api/v1/tickets/" + id + "/reply", map("author_type", "contact", "body", "<p>Any news?<script>x</script></p>")));
        created(api.post("/api/v1/tickets/" + id + "/notes", map("teammate_id", ana, "body", "Reproduced")));
        ok(api.post("/api/v1/tickets/" + id + "/assign", map("assignee_id", ana, "teammate_id", ana)));
        ok(api.post("/api/v1/tickets/" + id + "/state", map("state", "in_progress", "teammate_id", ana)));
        assertThat(api.post("/api/v1/tickets/" + id + "/state", map("state", "in_progress")).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/tickets/" + id + "/state", map("state", "done")).status()).isEqualTo(400);
        JsonNode resolved = ok(api.post("/api/v1/tickets/" + id + "/state", map("state", "resolved", "body", "Fixed in 2.1")));
        assertThat(resolved.path("state").asText()).isEqualTo("resolved");
        assertThat(resolved.path("assignee").path("name").asText()).isEqualTo("Ana Agent");

        JsonNode parts = ok(api.get("/api/v1/tickets/" + id + "/parts")).path("data");
        List<String> seen = new ArrayList<>();
        parts.forEach(p -> seen.add(p.path("position").asInt() + ":" + p.path("part_type").asText()
                + (p.path("private").asBoolean() ? "(private)" : "")
                + (p.path("new_state").isNull() ? "" : ":" + p.path("previous_state").asText() + ">" + p.path("new_state").asText())));
        assertThat(seen).containsExactly("1:comment", "2:note(private)", "3:assignment", "4:state_change:submitted>in_progress",
                "5:state_change:in_progress>resolved");
        assertThat(parts.get(0).path("body").asText()).isEqualTo("<p>Any news?</p>");

        JsonNode changed = last(ws.id(), "ticket.state_changed").payload();
        assertThat(changed.path("previous_state").asText()).isEqualTo("in_progress");
        assertThat(changed.path("new_state").asText()).isEqualTo("resolved");
        assertThat(changed.path("ticket_number").asLong()).isEqualTo(1);
        assertThat(changed.path("ticket_type").path("name").asText()).isEqualTo("Bug");
        assertThat(changed.path("category").asText()).isEqualTo("back_office");
        assertThat(changed.path("shared_with_contact").asBoolean()).isFalse();
        assertThat(changed.path("description").asText()).isEqualTo("It crashes");
        assertThat(changed.path("contact_id").asText()).isEqualTo(bob);
        assertThat(last(ws.id(), "ticket.replied").payload().path("by").asText()).isEqualTo("contact");
        assertThat(eventTypes(ws.id())).containsSubsequence("ticket_type.created", "ticket.created", "ticket.created",
                "ticket.replied", "ticket.noted", "ticket.assigned", "ticket.state_changed", "ticket.state_changed");
        assertThat(ok(api.get("/api/v1/tickets?state=resolved")).path("total").asInt()).isEqualTo(1);
    }

    @Test
    void theKnowledgeBaseHasCategoriesFoldersAndArticlesInSeveralLanguages() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long cat = created(api.post("/api/v1/kb/categories", map("name", "Billing"))).path("id").asLong();
        long folder = created(api.post("/api/v1/kb/folders", map("category_id", cat, "name", "Refunds"))).path("id").asLong();
        JsonNode a = created(api.post("/api/v1/kb/articles", map("folder_id", folder, "title", "How refunds work",
                "body", "<h2>Steps</h2><p onmouseover=x()>Ask us</p>", "state", "published")));
        long id = a.path("id").asLong();
        assertThat(a.path("translations").get(0).path("body").asText()).isEqualTo("<h2>Steps</h2><p>Ask us</p>");
        JsonNode es = ok(api.put("/api/v1/kb/articles/" + id + "/translations/es", map("title", "Cómo funcionan los reembolsos",
                "body", "<p>Pídalo</p>", "state", "draft")));
        assertThat(es.path("translations")).hasSize(2);
        assertThat(api.put("/api/v1/kb/articles/" + id + "/translations/1x", map("title", "x")).status()).isEqualTo(400);
        assertThat(api.delete("/api/v1/kb/articles/" + id + "/translations/en").status()).isEqualTo(409);
        assertThat(ok(api.get("/api/v1/kb/articles?folder_id=" + folder)).path("total").asInt()).isEqualTo(1);
        assertThat(ok(api.get("/api/v1/kb/folders?category_id=" + cat)).path("data")).hasSize(1);
        assertThat(last(ws.id(), "article.translation_saved").payload().path("locale").asText()).isEqualTo("es");
        assertThat(eventTypes(ws.id())).containsSubsequence("kb_category.created", "kb_folder.created", "article.created",
                "article.translation_saved");
    }

    @Test
    void teammatesTeamsAndCompanies() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long ana = teammate(api, "Ana", "Ana@Support.example");
        String email = ok(api.get("/api/v1/teammates/" + ana)).path("email").asText();
        assertThat(email).startsWith("ana-").endsWith("@support.example");
        assertThat(api.post("/api/v1/teammates", map("email", email.toUpperCase())).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/teammates", map("email", "x@y.z", "role", "boss")).status()).isEqualTo(400);
        JsonNode changed = ok(api.patch("/api/v1/teammates/" + ana, map("name", "Ana María", "role", "admin")));
        assertThat(changed.path("name").asText()).isEqualTo("Ana María");
        assertThat(changed.path("role").asText()).isEqualTo("admin");
        assertThat(changed.path("can_sign_in").asBoolean()).isFalse();
        long team = created(api.post("/api/v1/teams", map("name", "VIP desk"))).path("id").asLong();
        assertThat(ok(api.put("/api/v1/teams/" + team + "/members/" + ana, null)).path("members").get(0).path("id").asLong()).isEqualTo(ana);
        assertThat(api.post("/api/v1/teams", map("name", "VIP desk")).status()).isEqualTo(409);

        String bob = contact(api, "Bob");
        long acme = created(api.post("/api/v1/companies", map("name", "Acme", "external_id", "c-1", "size", 40,
                "custom_attributes", map("tier", "gold")))).path("id").asLong();
        assertThat(ok(api.put("/api/v1/companies/" + acme + "/contacts/" + bob, null)).path("contact_count").asInt()).isEqualTo(1);
        assertThat(ok(api.get("/api/v1/companies/" + acme + "/contacts")).path("data").get(0).path("id").asText()).isEqualTo(bob);
        assertThat(ok(api.patch("/api/v1/companies/" + acme, map("website", "https://acme.example"))).path("website").asText())
                .isEqualTo("https://acme.example");
        assertThat(ok(api.get("/api/v1/companies?external_id=c-1")).path("total").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/companies", map("name", "X", "size", -1)).status()).isEqualTo(400);
        assertThat(eventTypes(ws.id())).containsSubsequence("teammate.created", "teammate.updated", "team.created",
                "team.member_added", "company.created", "company.contact_attached", "company.updated");
        assertThat(last(ws.id(), "teammate.updated").payload().path("previous").path("role").asText()).isEqualTo("agent");
    }
}
