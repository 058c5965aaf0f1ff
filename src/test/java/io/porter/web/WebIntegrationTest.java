package io.porter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.api.ApiException;
import io.porter.support.PorterTest;
import io.porter.support.TestClock;
import io.porter.support.WebAccounts;
import io.porter.support.WebSession;
import io.porter.sync.SyncWorker;
import io.porter.users.Role;
import io.porter.users.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Settings › Integrations over plain HTTP: webhooks to a real receiver on 127.0.0.1, the secret shown once, Klaviyo's
 * key never shown, events, pause and resume, the delivery log and replays, errors beside their field, roles, CSRF and
 * workspaces.
 */
@PorterTest
class WebIntegrationTest extends WebAccounts {

    static final String BASE = "/settings/integrations";
    static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");

    @Autowired
    SyncWorker worker;

    final HookReceiver receiver = new HookReceiver();

    @AfterEach
    void close() {
        receiver.close();
    }

    /** An owner (or another role) signed in to a fresh workspace. */
    record Signed(Ws ws, WebSession s) {
        String csrf() {
            return s.csrf(BASE);
        }
    }

    Signed signedIn(Role role) {
        Ws ws = newWorkspace();
        User u = member(ws, role);
        WebSession s = new WebSession(port);
        assertThat(s.signIn(u.email(), PASSWORD).status()).isEqualTo(302);
        return new Signed(ws, s);
    }

    static List<Map.Entry<String, String>> form(String... pairs) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return out;
    }

    /** Adds a webhook through the form; the page that shows its secret. */
    WebSession.Page addWebhook(Signed me, String... events) {
        List<Map.Entry<String, String>> f = form("_csrf", me.csrf(), "url", receiver.url(), "name", "CRM <hook>");
        for (String e : events) {
            f.add(Map.entry("events", e));
        }
        return me.s().post(BASE + "/webhooks", f);
    }

    static String secretOn(WebSession.Page p) {
        Matcher m = SECRET.matcher(p.body());
        assertThat(m.find()).as("a secret on the page").isTrue();
        return m.group();
    }

    static long onlyDestination(Ws ws) {
        JsonNode data = ws.api().get("/api/v1/destinations").json().path("data");
        assertThat(data).hasSize(1);
        return data.get(0).path("id").asLong();
    }

    static void contact(Ws ws, String email) {
        assertThat(ws.api().post("/api/v1/contacts", Map.of("name", "Ana", "email", email)).status()).isEqualTo(201);
    }

    @Test
    void anOwnerAddsAWebhookSeesItsSecretOnceAndDeliveriesAreSignedWithIt() throws Exception {
        Signed me = signedIn(Role.OWNER);
        WebSession.Page empty = me.s().get(BASE);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("No destinations yet").contains("<label for=\"webhook-url\"")
                .contains("<label for=\"klaviyo-key\"").contains("type=\"password\"");
        assertThat(me.s().get("/contacts").body()).contains("href=\"/settings/integrations\"");

        WebSession.Page created = addWebhook(me, "contact.created", "contact.updated");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).contains("Copy it now").contains("href=\"/settings/integrations/verifying\"")
                // the name is escaped wherever it is shown
                .contains("CRM &lt;hook&gt;").doesNotContain("CRM <hook>");
        String secret = secretOn(created);
        long id = onlyDestination(me.ws());
        assertThat(me.ws().api().get("/api/v1/destinations/" + id).json().path("events").toString())
                .isEqualTo("[\"contact.created\",\"contact.updated\"]");

        // never again: not on the list, the destination, its log, nor the API
        for (String path : List.of(BASE, BASE + "/" + id, BASE + "/" + id + "/deliveries")) {
            WebSession.Page p = me.s().get(path);
            assertThat(p.status()).as(path).isEqualTo(200);
            assertThat(p.body()).as(path).doesNotContain(secret).doesNotContain("whsec_");
        }
        assertThat(me.s().get(BASE).body()).contains(receiver.url()).contains("contact.updated").contains("Active");

        contact(me.ws(), "ana@example.com");
        worker.drain();
        assertThat(receiver.requests()).hasSize(1);
        HookReceiver.Request r = receiver.requests().get(0);
        assertThat(verifies(r, secret)).isTrue();

        WebSession.Page log = me.s().get(BASE + "/" + id + "/deliveries");
        assertThat(log.body()).contains("contact.created").contains("data-status=\"delivered\"").contains("1 delivery");
        assertThat(me.s().get(BASE).body()).containsPattern("class=\"n-delivered\">1<");

        // the verification snippet the page links to is docs/webhooks.md's
        WebSession.Page verifying = me.s().get(BASE + "/verifying");
        assertThat(verifying.status()).isEqualTo(200);
        assertThat(verifying.body()).contains("MessageDigest.isEqual").contains("Sign over the raw body");
    }

    @Test
    void rotatingShowsTheNewSecretOnceAndBothSignDuringTheOverlap() throws Exception {
        Signed me = signedIn(Role.ADMIN);
        String first = secretOn(addWebhook(me, "contact.created"));
        long id = onlyDestination(me.ws());
        assertThat(me.s().post(BASE + "/" + id + "/rotate-secret", Map.of()).status()).as("CSRF").isEqualTo(403);
        WebSession.Page rotated = me.s().post(BASE + "/" + id + "/rotate-secret", Map.of("_csrf", me.csrf()));
        assertThat(rotated.status()).isEqualTo(200);
        String second = secretOn(rotated);
        assertThat(second).isNotEqualTo(first);
        WebSession.Page show = me.s().get(BASE + "/" + id);
        assertThat(show.body()).doesNotContain(second).doesNotContain(first).contains("Still signs deliveries until");

        contact(me.ws(), "rot@example.com");
        worker.drain();
        HookReceiver.Request r = receiver.requests().get(0);
        assertThat(verifies(r, second)).isTrue();
        assertThat(verifies(r, first)).isTrue();
    }

    @Test
    void pausedDestinationsGetNothingUntilResumed() {
        Signed me = signedIn(Role.OWNER);
        addWebhook(me, "contact.created");
        long id = onlyDestination(me.ws());
        assertThat(me.s().post(BASE + "/" + id + "/pause", Map.of()).status()).as("CSRF").isEqualTo(403);
        WebSession.Page paused = me.s().post(BASE + "/" + id + "/pause", Map.of("_csrf", me.csrf()));
        assertThat(paused.status()).isEqualTo(302);
        assertThat(paused.location()).endsWith(BASE + "/" + id);
        WebSession.Page show = me.s().get(BASE + "/" + id);
        assertThat(show.body()).contains("data-status=\"paused\"").contains("Events keep queueing").contains("id=\"resume\"");
        assertThat(me.s().get(BASE).body()).contains("Paused");

        contact(me.ws(), "p@example.com");
        worker.drain();
        assertThat(receiver.requests()).isEmpty();

        assertThat(me.s().post(BASE + "/" + id + "/resume", Map.of("_csrf", me.csrf())).status()).isEqualTo(302);
        assertThat(me.s().get(BASE + "/" + id).body()).contains("data-status=\"active\"").contains("id=\"pause\"");
        worker.drain();
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aDeadDeliveryIsListedWithItsEscapedAnswerAndReplayedFromTheLog() {
        Signed me = signedIn(Role.OWNER);
        addWebhook(me, "contact.created");
        long id = onlyDestination(me.ws());
        receiver.answer(503, "<script>alert('x')</script> down for maintenance");
        contact(me.ws(), "d1@example.com");
        contact(me.ws(), "d2@example.com");
        // porter.sync.max-attempts is 4 in the tests and the clock moves past each retry
        for (int i = 0; i < 4; i++) {
            worker.drain();
            TestClock.INSTANCE.advance(Duration.ofSeconds(10));
        }
        String logPath = BASE + "/" + id + "/deliveries";
        WebSession.Page dead = me.s().get(logPath + "?status=dead");
        assertThat(dead.status()).isEqualTo(200);
        assertThat(dead.body()).contains("2 deliveries").contains("Replay all dead (2)")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; down for maintenance").doesNotContain("<script>alert")
                .containsPattern("class=\"http\">503<").containsPattern("class=\"attempts\">4<");
        assertThat(me.s().get(BASE).body()).containsPattern("class=\"n-dead\">2<");
        assertThat(me.s().get(logPath + "?status=delivered").body()).contains("No deliveries");
        List<Long> events = new ArrayList<>();
        Matcher m = Pattern.compile("data-event=\"(\\d+)\"").matcher(dead.body());
        while (m.find()) {
            events.add(Long.parseLong(m.group(1)));
        }
        assertThat(events).hasSize(2);

        receiver.answer(200, "ok");
        String replay = logPath + "/" + events.get(0) + "/replay";
        assertThat(me.s().post(replay, Map.of("status", "dead")).status()).as("CSRF").isEqualTo(403);
        WebSession.Page replayed = me.s().post(replay, Map.of("_csrf", me.csrf(), "status", "dead"));
        assertThat(replayed.status()).isEqualTo(302);
        assertThat(replayed.location()).endsWith(logPath + "?status=dead");
        assertThat(me.s().get(replayed.location().replaceFirst("^https?://[^/]+", "")).body()).contains("1 delivery queued again");
        worker.drain();
        assertThat(receiver.requests()).last().satisfies(r -> assertThat(r.headers().get("webhook-id")).isEqualTo("evt_" + events.get(0)));
        assertThat(me.s().get(logPath + "?status=delivered").body()).contains("data-event=\"" + events.get(0) + "\"");
        // the other one is still dead, and "Replay all dead" takes it
        assertThat(me.s().get(logPath + "?status=dead").body()).contains("1 delivery").contains("Replay all dead (1)");

        assertThat(me.s().post(logPath + "/replay-dead", Map.of("_csrf", me.csrf())).status()).isEqualTo(302);
        worker.drain();
        assertThat(me.s().get(logPath + "?status=dead").body()).contains("No deliveries").doesNotContain("id=\"replay-dead\"");
        assertThat(me.s().get(logPath).body()).contains("2 deliveries");
    }

    @Test
    void klaviyoIsConnectedWithAKeyThatIsNeverShownAndErrorsStandBesideTheirField() {
        Signed me = signedIn(Role.OWNER);
        String key = "pk_" + "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5";
        // missing key
        WebSession.Page noKey = me.s().post(BASE + "/klaviyo", form("_csrf", me.csrf(), "apiKey", "", "baseUrl", receiver.url(),
                "events", "contact.created"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body()).contains("id=\"klaviyo-key-error\"").contains("Klaviyo needs a private API key");
        // a bad base URL: the key typed is not sent back
        WebSession.Page badUrl = me.s().post(BASE + "/klaviyo", form("_csrf", me.csrf(), "apiKey", key, "baseUrl", "ftp://klaviyo",
                "events", "contact.created"));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.body()).contains("id=\"klaviyo-base-error\"").contains("is not a web address").doesNotContain(key)
                .contains("value=\"ftp://klaviyo\"");
        assertThat(me.ws().api().get("/api/v1/destinations").json().path("data")).isEmpty();

        WebSession.Page ok = me.s().post(BASE + "/klaviyo", form("_csrf", me.csrf(), "apiKey", key, "baseUrl", receiver.url(),
                "events", "contact.created", "events", "contact.updated"));
        assertThat(ok.status()).isEqualTo(302);
        long id = onlyDestination(me.ws());
        assertThat(ok.location()).endsWith(BASE + "/" + id);
        WebSession.Page show = me.s().get(BASE + "/" + id);
        assertThat(show.body()).contains("Klaviyo is connected").doesNotContain(key).contains("id=\"edit-key\"")
                .doesNotContain("id=\"rotate\"");
        assertThat(me.s().get(BASE).body()).doesNotContain(key).contains("Klaviyo");

        // a Klaviyo destination offers only what Klaviyo receives
        assertThat(show.body()).contains("value=\"contact.created\"").doesNotContain("value=\"import.completed\"");
    }

    @Test
    void webhookFormErrorsArePlainAndBesideTheirField() {
        Signed me = signedIn(Role.OWNER);
        WebSession.Page badUrl = me.s().post(BASE + "/webhooks", form("_csrf", me.csrf(), "url", "not a url", "events", "contact.created"));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.body()).contains("id=\"webhook-url-error\"").contains("is not a web address")
                .contains("aria-describedby=\"webhook-url-error\"");
        WebSession.Page noEvents = me.s().post(BASE + "/webhooks", form("_csrf", me.csrf(), "url", receiver.url()));
        assertThat(noEvents.status()).isEqualTo(400);
        assertThat(noEvents.body()).contains("id=\"webhook-events-error\"").contains("name at least one event type")
                .contains("value=\"" + receiver.url() + "\"");
        assertThat(me.ws().api().get("/api/v1/destinations").json().path("data")).isEmpty();

        // the test application allows private targets; the refusal Porter gives otherwise goes beside the URL too
        Map<String, String> ssrf = IntegrationPages.errors(ApiException.badRequest(
                "url: The host internal resolves to 10.0.0.5, a private address; Porter only delivers to public addresses"));
        assertThat(ssrf).containsOnlyKeys("url");
        assertThat(ssrf.get("url")).startsWith("The host internal resolves to 10.0.0.5, a private address");
    }

    @Test
    void eventsAreChangedAndADestinationIsDeletedAfterConfirming() {
        Signed me = signedIn(Role.OWNER);
        addWebhook(me, "contact.created");
        long id = onlyDestination(me.ws());
        WebSession.Page none = me.s().post(BASE + "/" + id, form("_csrf", me.csrf(), "name", "CRM", "url", receiver.url()));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("id=\"edit-events-error\"");
        WebSession.Page saved = me.s().post(BASE + "/" + id, form("_csrf", me.csrf(), "name", "CRM", "url", receiver.url(),
                "events", "contact.deleted", "events", "import.completed"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(me.ws().api().get("/api/v1/destinations/" + id).json().path("events").toString())
                .isEqualTo("[\"contact.deleted\",\"import.completed\"]");

        WebSession.Page confirm = me.s().get(BASE + "/" + id + "/delete");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("cannot be undone").contains("id=\"confirm-delete\"");
        assertThat(me.ws().api().get("/api/v1/destinations/" + id).status()).as("asking deletes nothing").isEqualTo(200);
        assertThat(me.s().post(BASE + "/" + id + "/delete", Map.of()).status()).as("CSRF").isEqualTo(403);
        WebSession.Page deleted = me.s().post(BASE + "/" + id + "/delete", Map.of("_csrf", me.csrf()));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(me.s().get(BASE).body()).contains("The destination CRM was deleted").contains("No destinations yet");
        assertThat(me.ws().api().get("/api/v1/destinations/" + id).status()).isEqualTo(404);
    }

    @Test
    void agentsAreRefusedEveryIntegrationsPageAndAction() {
        Signed agent = signedIn(Role.AGENT);
        JsonNode created = agent.ws().api().post("/api/v1/destinations",
                Map.of("kind", "webhook", "name", "hook", "url", receiver.url())).json();
        long id = created.path("destination").path("id").asLong();
        assertThat(agent.s().get("/contacts").body()).doesNotContain("/settings/integrations");
        for (String path : List.of(BASE, BASE + "/" + id, BASE + "/" + id + "/deliveries", BASE + "/" + id + "/delete", BASE + "/verifying")) {
            assertThat(agent.s().get(path).status()).as(path).isEqualTo(403);
        }
        String csrf = agent.s().csrf("/contacts");
        for (String path : List.of(BASE + "/webhooks", BASE + "/klaviyo", BASE + "/" + id, BASE + "/" + id + "/pause",
                BASE + "/" + id + "/resume", BASE + "/" + id + "/rotate-secret", BASE + "/" + id + "/delete",
                BASE + "/" + id + "/deliveries/replay-dead", BASE + "/" + id + "/deliveries/1/replay")) {
            WebSession.Page p = agent.s().post(path, form("_csrf", csrf, "url", receiver.url(), "apiKey", "pk_x", "events", "contact.created"));
            assertThat(p.status()).as(path).isEqualTo(403);
        }
        JsonNode after = agent.ws().api().get("/api/v1/destinations").json().path("data");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("status").asText()).isEqualTo("active");
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() {
        WebSession s = new WebSession(port);
        for (String path : List.of(BASE, BASE + "/1", BASE + "/1/deliveries", BASE + "/verifying")) {
            WebSession.Page p = s.get(path);
            assertThat(p.status()).as(path).isEqualTo(302);
            assertThat(p.location()).as(path).endsWith("/login");
        }
    }

    @Test
    void anotherWorkspaceSeesNoneOfIt() {
        Signed mine = signedIn(Role.OWNER);
        addWebhook(mine, "contact.created");
        long id = onlyDestination(mine.ws());
        Signed other = signedIn(Role.OWNER);
        assertThat(other.s().get(BASE).body()).doesNotContain(receiver.url()).contains("No destinations yet");
        for (String path : List.of(BASE + "/" + id, BASE + "/" + id + "/deliveries", BASE + "/" + id + "/delete")) {
            assertThat(other.s().get(path).status()).as(path).isEqualTo(404);
        }
        String csrf = other.csrf();
        for (String path : List.of(BASE + "/" + id, BASE + "/" + id + "/pause", BASE + "/" + id + "/resume",
                BASE + "/" + id + "/rotate-secret", BASE + "/" + id + "/delete", BASE + "/" + id + "/deliveries/replay-dead",
                BASE + "/" + id + "/deliveries/1/replay")) {
            WebSession.Page p = other.s().post(path, form("_csrf", csrf, "name", "x", "events", "contact.created"));
            assertThat(p.status()).as(path).isEqualTo(404);
            assertThat(p.body()).as(path).doesNotContain("whsec_");
        }
        JsonNode still = mine.ws().api().get("/api/v1/destinations/" + id).json();
        assertThat(still.path("status").asText()).isEqualTo("active");
        assertThat(still.path("name").asText()).isEqualTo("CRM <hook>");
    }

    @Test
    void thePagesSpeakSpanish() {
        Signed me = signedIn(Role.OWNER);
        WebSession.Page p = me.s().get(BASE + "?lang=es");
        assertThat(p.body()).contains("Integraciones").contains("Añadir un webhook").contains("Clave privada de la API");
    }

    /** The Standard Webhooks check a receiver does, from the spec. */
    static boolean verifies(HookReceiver.Request r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return List.of(r.headers().get("webhook-signature").split(" ")).contains(expected);
    }
}
