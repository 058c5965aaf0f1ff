package io.porter.web;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.PorterTest;
import io.porter.support.WebAccounts;
import io.porter.support.WebSession;
import io.porter.users.Role;
import io.porter.users.User;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The help-desk pages over HTTP with a signed-in session: what an agent sees and does. */
@PorterTest
class WebHelpdeskTest extends WebAccounts {

    @Test
    void anAgentReadsAConversationAndActsOnIt() {
        Ws ws = newWorkspace();
        User agent = member(ws, Role.AGENT);
        String contact = ws.api().post("/api/v1/contacts", map("name", "Bob", "email", "bob@example.com")).json().path("id").asText();
        long id = ws.api().post("/api/v1/conversations", map("contact_id", contact, "title", "<b>Refund</b> please",
                "body", "<p>Hello <em>there</em><script>alert(1)</script></p>")).json().path("id").asLong();
        long note = ws.api().post("/api/v1/conversations/" + id + "/notes", map("teammate_id", agent.id(), "body", "Internal only")).json().path("id").asLong();
        ws.api().upload("/api/v1/conversations/" + id + "/parts/" + note + "/attachments", "notes.txt",
                "hello".getBytes(StandardCharsets.UTF_8), Map.of());

        WebSession s = new WebSession(port);
        s.signIn(agent.email(), PASSWORD);
        WebSession.Page list = s.get("/conversations?state=open");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("&lt;b&gt;Refund&lt;/b&gt; please").contains("href=\"/conversations/" + id + "\"");
        assertThat(s.get("/contacts").body()).contains("href=\"/conversations\"", "href=\"/tickets\"", "href=\"/kb\"");

        WebSession.Page page = s.get("/conversations/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<p>Hello <em>there</em></p>").doesNotContain("alert(1)");
        assertThat(page.body()).contains("class=\"part note\"").contains("Private note").contains("Internal only");
        assertThat(page.body()).contains("/conversations/" + id + "/attachments/");

        String csrf = s.csrf("/conversations/" + id);
        assertThat(s.post("/conversations/" + id + "/reply", Map.of("body", "On it")).status()).isEqualTo(403);
        WebSession.Page replied = s.post("/conversations/" + id + "/reply", Map.of("body", "On it <img src=x onerror=alert(2)>", "_csrf", csrf));
        assertThat(replied.status()).isEqualTo(302);
        assertThat(s.post("/conversations/" + id + "/assign", Map.of("assignee", Long.toString(agent.id()), "team", "", "_csrf", csrf)).status()).isEqualTo(302);
        assertThat(s.post("/conversations/" + id + "/snooze", Map.of("until", "2099-03-01T10:00", "_csrf", csrf)).status()).isEqualTo(302);
        assertThat(s.post("/conversations/" + id + "/reopen", Map.of("_csrf", csrf)).status()).isEqualTo(302);
        assertThat(s.post("/conversations/" + id + "/close", Map.of("_csrf", csrf)).status()).isEqualTo(302);
        WebSession.Page twice = s.post("/conversations/" + id + "/close", Map.of("_csrf", csrf));
        assertThat(twice.status()).isEqualTo(409);

        JsonNode c = ws.api().get("/api/v1/conversations/" + id).json();
        assertThat(c.path("state").asText()).isEqualTo("closed");
        assertThat(c.path("assignee").path("id").asLong()).isEqualTo(agent.id());
        JsonNode parts = ws.api().get("/api/v1/conversations/" + id + "/parts").json().path("data");
        assertThat(parts.get(2).path("author").path("id").asLong()).isEqualTo(agent.id());
        assertThat(parts.get(2).path("body").asText()).doesNotContain("onerror");
        assertThat(parts).hasSize(7);
        assertThat(s.get("/conversations/" + id + "/attachments/" + parts.get(1).path("attachments").get(0).path("id").asLong()).body())
                .isEqualTo("hello");
    }

    @Test
    void ticketsAndTheKnowledgeBaseInSpanish() {
        Ws ws = newWorkspace();
        User agent = member(ws, Role.AGENT);
        long ticket = ws.api().post("/api/v1/tickets", map("title", "Crash")).json().path("id").asLong();
        long cat = ws.api().post("/api/v1/kb/categories", map("name", "Facturación")).json().path("id").asLong();
        long folder = ws.api().post("/api/v1/kb/folders", map("category_id", cat, "name", "Reembolsos")).json().path("id").asLong();
        long article = ws.api().post("/api/v1/kb/articles", map("folder_id", folder, "title", "Refunds", "body", "<p>English</p>",
                "state", "published")).json().path("id").asLong();
        ws.api().put("/api/v1/kb/articles/" + article + "/translations/es", map("title", "Reembolsos", "body", "<p>Español</p>", "state", "published"));

        WebSession s = new WebSession(port);
        s.addCookie("porter-lang", "es");
        s.signIn(agent.email(), PASSWORD);
        WebSession.Page t = s.get("/tickets/" + ticket);
        assertThat(t.body()).contains("Enviado").contains("Cambiar el estado");
        WebSession.Page changed = s.post("/tickets/" + ticket + "/state", Map.of("state", "in_progress", "_csrf", s.csrf("/tickets/" + ticket)));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(s.get("/tickets/" + ticket).body()).contains("Enviado → En curso");
        assertThat(s.get("/tickets?state=in_progress").body()).contains("Crash");

        assertThat(s.get("/kb").body()).contains("Facturación", "Reembolsos", "/kb/articles/" + article);
        assertThat(s.get("/kb/articles/" + article + "?locale=es").body()).contains("<p>Español</p>");
        assertThat(s.get("/kb/articles/" + article + "?locale=en").body()).contains("<p>English</p>");
    }

    @Test
    void anotherWorkspacesConversationIsNotFound() {
        Ws mine = newWorkspace();
        Ws theirs = newWorkspace();
        User me = member(mine, Role.OWNER);
        long id = theirs.api().post("/api/v1/conversations", map("title", "secret")).json().path("id").asLong();
        long ticket = theirs.api().post("/api/v1/tickets", map("title", "secret")).json().path("id").asLong();
        WebSession s = new WebSession(port);
        s.signIn(me.email(), PASSWORD);
        assertThat(s.get("/conversations/" + id).status()).isEqualTo(404);
        assertThat(s.get("/tickets/" + ticket).status()).isEqualTo(404);
        assertThat(s.post("/conversations/" + id + "/close", Map.of("_csrf", s.csrf("/conversations"))).status()).isEqualTo(404);
        assertThat(theirs.api().get("/api/v1/conversations/" + id).json().path("state").asText()).isEqualTo("open");
    }
}
