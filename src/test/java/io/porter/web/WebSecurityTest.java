package io.porter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.WebAccounts;
import io.porter.support.WebSession;
import io.porter.users.Role;
import io.porter.users.User;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web chain over plain HTTP: sign-in, sessions, CSRF, roles per workspace, and no crossing of workspaces. */
@PorterTest
class WebSecurityTest extends WebAccounts {

    @Test
    void anonymousVisitorsAreSentToTheSignInPage() {
        WebSession s = new WebSession(port);
        for (String path : new String[] {"/contacts", "/imports/new", "/settings/imports", "/notifications"}) {
            WebSession.Page p = s.get(path);
            assertThat(p.status()).as(path).isEqualTo(302);
            assertThat(p.location()).as(path).endsWith("/login");
        }
        WebSession.Page login = s.get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"_csrf\"").contains("<label for=\"password\"");
    }

    @Test
    void signInNeedsTheRightPasswordAndACsrfToken() {
        Ws ws = newWorkspace();
        User owner = member(ws, Role.OWNER);
        WebSession s = new WebSession(port);
        assertThat(s.post("/login", Map.of("username", owner.email(), "password", PASSWORD)).status()).isEqualTo(403);
        WebSession.Page wrong = s.signIn(owner.email(), "not the password");
        assertThat(wrong.location()).endsWith("/login?error");
        assertThat(s.get("/contacts").status()).isEqualTo(302);

        WebSession.Page ok = s.signIn(owner.email().toUpperCase(java.util.Locale.ROOT), PASSWORD);
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.location()).contains("/contacts");
        WebSession.Page contacts = s.get("/contacts");
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(contacts.body()).contains(ws.workspace().name()).contains(owner.email());

        // signing out needs the token too, and ends the session
        assertThat(s.post("/logout", Map.of()).status()).isEqualTo(403);
        WebSession.Page out = s.post("/logout", Map.of("_csrf", s.csrf("/contacts")));
        assertThat(out.location()).endsWith("/login?signed-out");
        assertThat(s.get("/contacts").status()).isEqualTo(302);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        Ws ws = newWorkspace();
        User admin = member(ws, Role.ADMIN);
        String id = ws.api().post("/api/v1/contacts", Map.of("name", "Ana", "email", "ana@example.com")).json().path("id").asText();
        WebSession s = new WebSession(port);
        s.signIn(admin.email(), PASSWORD);
        assertThat(s.post("/contacts/" + id + "/tags", Map.of("name", "vip")).status()).isEqualTo(403);
        assertThat(ws.api().get("/api/v1/contacts/" + id).json().path("tags")).isEmpty();
        WebSession.Page tagged = s.post("/contacts/" + id + "/tags", Map.of("name", "vip", "_csrf", s.csrf("/contacts/" + id)));
        assertThat(tagged.status()).isEqualTo(302);
        assertThat(ws.api().get("/api/v1/contacts/" + id).json().path("tags").toString()).isEqualTo("[\"vip\"]");
        assertThat(s.post("/contacts/" + id + "/tags/remove", Map.of("name", "vip")).status()).isEqualTo(403);
        WebSession.Page removed = s.post("/contacts/" + id + "/tags/remove", Map.of("name", "vip", "_csrf", s.csrf("/contacts/" + id)));
        assertThat(removed.status()).as(removed.body()).isEqualTo(302);
        assertThat(ws.api().get("/api/v1/contacts/" + id).json().path("tags")).isEmpty();
        assertThat(s.upload("/imports", "a.csv", "email\nx@example.com\n".getBytes(StandardCharsets.UTF_8), null).status()).isEqualTo(403);
    }

    @Test
    void anAgentSeesContactsButCannotImport() {
        Ws ws = newWorkspace();
        User agent = member(ws, Role.AGENT);
        WebSession s = new WebSession(port);
        s.signIn(agent.email(), PASSWORD);
        WebSession.Page contacts = s.get("/contacts");
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(contacts.body()).doesNotContain("/imports/new");
        assertThat(s.get("/imports/new").status()).isEqualTo(403);
        assertThat(s.get("/settings/imports").status()).isEqualTo(403);
        String csrf = s.csrf("/contacts");
        WebSession.Page upload = s.upload("/imports", "people.csv", "name,email\nAna,ana@example.com\n".getBytes(StandardCharsets.UTF_8), csrf);
        assertThat(upload.status()).isEqualTo(403);
        assertThat(s.post("/imports/1/start", Map.of("_csrf", csrf)).status()).isEqualTo(403);
        assertThat(ws.api().get("/api/v1/imports").json().path("total").asInt()).isZero();
    }

    @Test
    void aUserSeesOnlyTheWorkspacesTheyBelongTo() {
        Ws mine = newWorkspace();
        Ws theirs = newWorkspace();
        User me = member(mine, Role.OWNER);
        String theirContact = theirs.api().post("/api/v1/contacts", Map.of("name", "Secret", "email", "secret@example.com"))
                .json().path("id").asText();
        WebSession s = new WebSession(port);
        s.signIn(me.email(), PASSWORD);
        assertThat(s.get("/contacts/" + theirContact).status()).isEqualTo(404);
        assertThat(s.get("/contacts?q=secret").body()).doesNotContain("secret@example.com");
        String csrf = s.csrf("/contacts");
        assertThat(s.post("/workspace", Map.of("id", Long.toString(theirs.id()), "_csrf", csrf)).status()).isEqualTo(403);
        assertThat(s.get("/contacts").body()).doesNotContain(theirs.workspace().name());

        // once a member, the switcher offers it and the session may move there
        users.grant(me.id(), theirs.id(), Role.AGENT);
        assertThat(s.get("/contacts").body()).contains(theirs.workspace().name());
        assertThat(s.post("/workspace", Map.of("id", Long.toString(theirs.id()), "_csrf", csrf)).status()).isEqualTo(302);
        assertThat(s.get("/contacts/" + theirContact).status()).isEqualTo(200);
        assertThat(s.get("/imports/new").status()).as("an agent there").isEqualTo(403);
    }

    @Test
    void theApiKeepsItsOwnTokensAndIgnoresWebSessions() {
        Ws ws = newWorkspace();
        User owner = member(ws, Role.OWNER);
        WebSession s = new WebSession(port);
        s.signIn(owner.email(), PASSWORD);
        WebSession.Page api = s.get("/api/v1/contacts");
        assertThat(api.status()).isEqualTo(401);
        Api.Response withToken = ws.api().post("/api/v1/contacts", Map.of("name", "Bea"));
        assertThat(withToken.status()).isEqualTo(201);
    }
}
