package io.porter.sync;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestClock;
import io.porter.support.TestWorkspaces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Conversations and tickets reach Klaviyo as its Intercom integration names them, and webhooks get every event. */
@PorterTest
class SyncHelpdeskTest extends TestWorkspaces {

    @Autowired
    SyncWorker worker;

    final Receiver klaviyo = new Receiver(TestClock.INSTANCE);
    final Receiver hooks = new Receiver(TestClock.INSTANCE);

    @AfterEach
    void close() {
        klaviyo.close();
        hooks.close();
    }

    @Test
    void conversationAndTicketEventsBecomeKlaviyoMetricsWithTheIntegrationsProperties() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        assertThat(api.post("/api/v1/destinations", map("kind", "klaviyo", "name", "K", "api_key", "pk_x",
                "base_url", klaviyo.url(""))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/destinations", map("kind", "webhook", "name", "hook", "url", hooks.url("/hook"))).status()).isEqualTo(201);
        String contact = api.post("/api/v1/contacts", map("name", "Ana", "email", "ana@example.com")).json().path("id").asText();
        long teammate = api.post("/api/v1/teammates", map("email", "agent@example.com", "name", "Tom Agent")).json().path("id").asLong();
        worker.drain();
        klaviyo.clear();
        hooks.clear();

        long conv = api.post("/api/v1/conversations", map("contact_id", contact, "title", "Refund", "body", "<p>Hi</p>"))
                .json().path("id").asLong();
        assertThat(api.post("/api/v1/conversations/" + conv + "/assign", map("assignee_id", teammate)).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/conversations/" + conv + "/reply", map("author_type", "teammate", "teammate_id", teammate,
                "body", "On it")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/conversations/" + conv + "/reply", map("author_type", "contact", "body", "Thanks")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/conversations/" + conv + "/rate", map("rating", 5, "remark", "great")).status()).isEqualTo(200);
        long ticket = api.post("/api/v1/tickets", map("contact_id", contact, "title", "Broken", "description", "It broke"))
                .json().path("id").asLong();
        assertThat(api.post("/api/v1/tickets/" + ticket + "/state", map("state", "waiting_on_customer")).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/tickets/" + ticket + "/state", map("state", "resolved")).status()).isEqualTo(200);
        worker.drain();

        List<String> metrics = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        for (Receiver.Request r : klaviyo.requests()) {
            if (r.path().equals("/api/events")) {
                JsonNode a = r.json().path("data").path("attributes");
                metrics.add(a.path("metric").path("data").path("attributes").path("name").asText());
                events.add(a);
            }
        }
        // the teammate's reply and the assignment are no metrics of the contact's
        assertThat(metrics).containsExactly("Conversation Created", "Conversation Replied", "Conversation Rated",
                "Ticket Created", "Ticket Waiting on customer", "Ticket Resolved");
        JsonNode rated = events.get(2).path("properties");
        assertThat(rated.path("Conversation Rating").asInt()).isEqualTo(5);
        assertThat(rated.path("Title").asText()).isEqualTo("Refund");
        assertThat(rated.path("Assigned Teammate Name").asText()).isEqualTo("Tom Agent");
        assertThat(rated.path("Assigned Teammate Email").asText()).isEqualTo("agent@example.com");
        assertThat(rated.path("Reopen Count").isNumber()).isTrue();
        assertThat(events.get(2).path("profile").path("data").path("attributes").path("email").asText()).isEqualTo("ana@example.com");
        JsonNode resolved = events.get(5).path("properties");
        assertThat(resolved.path("Ticket Name").asText()).isEqualTo("Broken");
        assertThat(resolved.path("Ticket Description").asText()).isEqualTo("It broke");
        assertThat(resolved.path("Ticket ID").asLong()).isPositive();
        assertThat(resolved.path("Shared").asBoolean()).isTrue();

        List<String> hookTypes = hooks.requests().stream().map(r -> r.json().path("type").asText()).toList();
        assertThat(hookTypes).contains("conversation.created", "conversation.assigned", "conversation.replied",
                "conversation.rated", "ticket.created", "ticket.state_changed");
    }
}
