package io.porter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.PorterTest;
import io.porter.support.WebAccounts;
import io.porter.support.WebSession;
import io.porter.users.Role;
import io.porter.users.User;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contacts page exports what it shows; the wizard's first step reads other tools' exports. */
@PorterTest
class WebExportAndSourcesTest extends WebAccounts {

    @Test
    void theContactsPageExportsItsFilteredListAsCsv() {
        Ws ws = newWorkspace("ES");
        String ana = ws.api().post("/api/v1/contacts", Map.of("name", "Ana Núñez", "email", "ana@example.com")).json().path("id").asText();
        ws.api().post("/api/v1/contacts", Map.of("name", "Bea Ruiz", "email", "bea@example.com"));
        ws.api().post("/api/v1/contacts/" + ana + "/tags", Map.of("name", "Spring 2015"));
        User agent = member(ws, Role.AGENT);
        WebSession s = new WebSession(port);
        s.signIn(agent.email(), PASSWORD);
        WebSession.Page list = s.get("/contacts?tag=Spring%202015");
        assertThat(list.body()).contains("id=\"export\"").contains("/contacts/export.csv?q=&amp;tag=Spring%202015");
        WebSession.Page csv = s.get("/contacts/export.csv?q=&tag=Spring%202015");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("ana@example.com").doesNotContain("bea@example.com");
        assertThat(s.get("/contacts/export.csv?q=ruiz").body()).contains("bea@example.com").doesNotContain("ana@example.com");
        assertThat(new WebSession(port).get("/contacts/export.csv").status()).as("anonymous").isEqualTo(302);
    }

    @Test
    void theWizardReadsAMixpanelExportChosenInTheFirstStep() {
        Ws ws = newWorkspace("ES");
        User owner = member(ws, Role.OWNER);
        WebSession s = new WebSession(port);
        s.signIn(owner.email(), PASSWORD);
        assertThat(s.get("/imports/new").body()).contains("<select id=\"source\" name=\"source\"").contains("value=\"mixpanel\"");
        String json = "[{\"$distinct_id\": \"u-1\", \"$properties\": {\"$email\": \"mp@example.com\", \"$created\": \"2024-01-15T10:00:00\"}}]";
        WebSession.Page up = s.uploadWith("/imports", "people.json", json.getBytes(StandardCharsets.UTF_8),
                s.csrf("/imports/new"), Map.of("source", "mixpanel"));
        assertThat(up.status()).as(up.body()).isEqualTo(302);
        String file = s.get(up.location().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(file).contains("$distinct_id").contains("mp@example.com");
    }
}
