package io.porter.helpdesk;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@PorterTest
class ConversationApiTest extends HelpdeskTest {

    @Test
    void aConversationReadsBackAsItHappenedWithPartsInOrderAndNotesPrivate() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long ana = teammate(api, "Ana Agent", "ana@support.example");
        long team = created(api.post("/api/v1/teams", map("name", "Billing"))).path("id").asLong();
        String bob = contact(api, "Bob Buyer");

        JsonNode c = created(api.post("/api/v1/conversations", map("contact_id", bob, "title", "Refund?",
                "body", "<p>I want a <b>refund</b></p>", "source_type", "email", "delivered_as", "customer_initiated",
                "tags", List.of("refund", "vip"), "custom_attributes", map("order", "A-17"))));
        long id = c.path("id").asLong();
        assertThat(c.path("state").asText()).isEqualTo("open");
        assertThat(c.path("parts_count").asInt()).isEqualTo(1);
        assertThat(c.path("waiting_since").isNull()).isFalse();
        assertThat(c.path("read").asBoolean()).isFalse();

        created(api.post("/api/v1/conversations/" + id + "/notes", map("teammate_id", ana, "body", "Check the <i>order</i> first")));
        JsonNode assigned = ok(api.post("/api/v1/conversations/" + id + "/assign", map("assignee_id", ana, "team_id", team, "teammate_id", ana)));
        assertThat(assigned.path("assignee").path("email").asText()).isEqualTo(emailOf(api, ana));
        assertThat(assigned.path("team").path("name").asText()).isEqualTo("Billing");
        assertThat(assigned.path("assignments_count").asInt()).isEqualTo(1);
        created(api.post("/api/v1/conversations/" + id + "/reply", map("teammate_id", ana, "body", "Done, refunded.")));
        assertThat(ok(api.get("/api/v1/conversations/" + id)).path("waiting_since").isNull()).isTrue();
        ok(api.post("/api/v1/conversations/" + id + "/close", map("teammate_id", ana)));
        JsonNode reopened = ok(api.post("/api/v1/conversations/" + id + "/reopen", map()));
        assertThat(reopened.path("reopens_count").asInt()).isEqualTo(1);
        JsonNode snoozed = ok(api.post("/api/v1/conversations/" + id + "/snooze", map("snoozed_until", "2099-01-01T09:00:00Z")));
        assertThat(snoozed.path("state").asText()).isEqualTo("snoozed");
        assertThat(snoozed.path("snoozed_until").asText()).isEqualTo("2099-01-01T09:00:00Z");
        // the contact writes again: the conversation wakes up
        created(api.post("/api/v1/conversations/" + id + "/reply", map("author_type", "contact", "body", "Thanks!")));
        JsonNode rated = ok(api.post("/api/v1/conversations/" + id + "/rate", map("rating", 5, "remark", "Quick <3", "rated_at", "2024-05-01T10:00:00Z")));
        assertThat(rated.path("rating").asInt()).isEqualTo(5);
        assertThat(rated.path("rating_remark").asText()).isEqualTo("Quick <3");
        assertThat(rated.path("rated_at").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(ok(api.post("/api/v1/conversations/" + id + "/read", null)).path("read").asBoolean()).isTrue();

        JsonNode got = ok(api.get("/api/v1/conversations/" + id));
        assertThat(got.path("state").asText()).isEqualTo("open");
        assertThat(got.path("parts_count").asInt()).isEqualTo(9);
        assertThat(got.path("tags").toString()).isEqualTo("[\"refund\",\"vip\"]");
        assertThat(got.path("custom_attributes").path("order").asText()).isEqualTo("A-17");

        JsonNode parts = ok(api.get("/api/v1/conversations/" + id + "/parts")).path("data");
        List<String> types = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        parts.forEach(p -> {
            types.add(p.path("part_type").asText() + (p.path("private").asBoolean() ? "(private)" : ""));
            positions.add(p.path("position").asInt());
        });
        assertThat(types).containsExactly("comment", "note(private)", "assignment", "comment", "close", "open", "snooze", "comment", "rating");
        assertThat(positions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(parts.get(0).path("author_type").asText()).isEqualTo("contact");
        assertThat(parts.get(0).path("author_contact_id").asText()).isEqualTo(bob);
        assertThat(parts.get(1).path("author").path("name").asText()).isEqualTo("Ana Agent");
        assertThat(parts.get(2).path("assigned_to").path("id").asLong()).isEqualTo(ana);
        assertThat(parts.get(2).path("assigned_to_team").path("name").asText()).isEqualTo("Billing");
        assertThat(parts.get(8).path("body").asText()).isEqualTo("<p>Quick &lt;3</p>");

        assertThat(eventTypes(ws.id())).containsSubsequence("conversation.created", "conversation.noted", "conversation.assigned",
                "conversation.replied", "conversation.closed", "conversation.reopened", "conversation.snoozed",
                "conversation.replied", "conversation.rated", "conversation.read");
    }

    @Test
    void eventPayloadsCarryWhatAMarketingSyncNeeds() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long ana = teammate(api, "Ana Agent", "ana@support.example");
        long team = created(api.post("/api/v1/teams", map("name", "Tier 1"))).path("id").asLong();
        String bob = contact(api, "Bob Buyer");
        long id = created(api.post("/api/v1/conversations", map("contact_id", bob, "title", "Login", "body", "Can't log in",
                "source_type", "chat", "delivered_as", "customer_initiated", "priority", true, "tags", List.of("login"),
                "custom_attributes", map("plan", "pro")))).path("id").asLong();
        ok(api.post("/api/v1/conversations/" + id + "/assign", map("assignee_id", ana, "team_id", team)));
        created(api.post("/api/v1/conversations/" + id + "/reply", map("teammate_id", ana, "body", "Try again")));

        Event replied = last(ws.id(), "conversation.replied");
        assertThat(replied.subjectId()).isEqualTo(Long.toString(id));
        JsonNode p = replied.payload();
        assertThat(p.path("conversation_id").asLong()).isEqualTo(id);
        assertThat(p.path("contact_id").asText()).isEqualTo(bob);
        assertThat(p.path("by").asText()).isEqualTo("teammate");
        assertThat(p.path("title").asText()).isEqualTo("Login");
        assertThat(p.path("state").asText()).isEqualTo("open");
        assertThat(p.path("priority").asBoolean()).isTrue();
        assertThat(p.path("assignee").path("name").asText()).isEqualTo("Ana Agent");
        assertThat(p.path("assignee").path("email").asText()).isEqualTo(emailOf(api, ana));
        assertThat(p.path("team").path("name").asText()).isEqualTo("Tier 1");
        assertThat(p.path("tags").toString()).isEqualTo("[\"login\"]");
        assertThat(p.path("source_type").asText()).isEqualTo("chat");
        assertThat(p.path("delivered_as").asText()).isEqualTo("customer_initiated");
        assertThat(p.path("parts_count").asInt()).isEqualTo(3);
        assertThat(p.path("assignments_count").asInt()).isEqualTo(1);
        assertThat(p.path("custom_attributes").path("plan").asText()).isEqualTo("pro");
        assertThat(p.has("rating")).isTrue();

        created(api.post("/api/v1/conversations/" + id + "/reply", map("author_type", "contact", "body", "Works now")));
        assertThat(last(ws.id(), "conversation.replied").payload().path("by").asText()).isEqualTo("contact");
        ok(api.post("/api/v1/conversations/" + id + "/rate", map("rating", 4)));
        assertThat(last(ws.id(), "conversation.rated").payload().path("rating").asInt()).isEqualTo(4);
    }

    @Test
    void bodiesAreSanitisedKeepingBasicFormatting() {
        Api api = newWorkspace().api();
        long ana = teammate(api, "Ana", "ana@support.example");
        long id = created(api.post("/api/v1/conversations", map("title", "x"))).path("id").asLong();
        JsonNode part = created(api.post("/api/v1/conversations/" + id + "/reply", map("teammate_id", ana,
                "body", "<p onclick=\"steal()\">Hi <b>there</b> <i>you</i><script>alert(1)</script>"
                        + "<a href=\"javascript:alert(1)\">x</a> <a href=\"https://example.com\">site</a>"
                        + "<img src=x onerror=alert(1)><ul><li>one</li></ul></p>")));
        String body = part.path("body").asText();
        assertThat(body).doesNotContain("<script", "alert", "onclick", "onerror", "javascript:");
        assertThat(body).contains("<b>there</b>", "<i>you</i>", "<li>one</li>", "href=\"https://example.com\"");
        // a body that is nothing but unsafe HTML is refused, and no part is added
        Api.Response empty = api.post("/api/v1/conversations/" + id + "/reply", map("teammate_id", ana, "body", "<script>x()</script>"));
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(ok(api.get("/api/v1/conversations/" + id)).path("parts_count").asInt()).isEqualTo(1);
    }

    @Test
    void mistakesAre4xxAndAFailedActionWritesNoEventAndNoPart() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long ana = teammate(api, "Ana", "ana@support.example");
        long id = created(api.post("/api/v1/conversations", map("title", "no contact"))).path("id").asLong();
        int before = events(ws.id()).size();
        assertThat(api.post("/api/v1/conversations/" + id + "/reply", map("author_type", "contact", "body", "hi")).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/conversations/" + id + "/reply", map("body", "hi")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/conversations/" + id + "/reply", map("teammate_id", 999999999, "body", "hi")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/conversations/" + id + "/reply", map("teammate_id", ana, "body", "hi", "cc", "x")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/conversations/" + id + "/rate", map("rating", 6)).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/conversations/" + id + "/snooze", map("snoozed_until", "2001-01-01T00:00:00Z")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/conversations/" + id + "/snooze", map("snoozed_until", "tomorrow")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/conversations/" + id + "/reopen", map()).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/conversations/" + id + "/assign", map()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/conversations/" + id + "/assign", map("team_id", 999999999)).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations?state=pending").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/conversations/abc").status()).isEqualTo(400);
        assertThat(api.raw("POST", "/api/v1/conversations/" + id + "/notes", "{not json", "application/json").status()).isEqualTo(400);
        // a teammate made inactive cannot be assigned
        ok(api.patch("/api/v1/teammates/" + ana, map("active", false)));
        int afterTeammateChange = events(ws.id()).size();
        Api.Response inactive = api.post("/api/v1/conversations/" + id + "/assign", map("assignee_id", ana));
        assertThat(inactive.status()).as(inactive.toString()).isEqualTo(409);
        assertThat(inactive.contentType()).startsWith("application/problem+json");
        assertThat(events(ws.id())).hasSize(afterTeammateChange);
        assertThat(afterTeammateChange).isEqualTo(before + 1);
        assertThat(ok(api.get("/api/v1/conversations/" + id)).path("parts_count").asInt()).isZero();
    }

    @Test
    void listsFilterByStateAssigneeTeamAndContact() {
        Api api = newWorkspace().api();
        long ana = teammate(api, "Ana", "ana@support.example");
        long team = created(api.post("/api/v1/teams", map("name", "T"))).path("id").asLong();
        String bob = contact(api, "Bob");
        long a = created(api.post("/api/v1/conversations", map("contact_id", bob, "body", "a", "assignee_id", ana))).path("id").asLong();
        long b = created(api.post("/api/v1/conversations", map("title", "b", "team_id", team))).path("id").asLong();
        ok(api.post("/api/v1/conversations/" + b + "/close", null));
        assertThat(ids(api, "/api/v1/conversations?state=closed")).containsExactly(b);
        assertThat(ids(api, "/api/v1/conversations?state=open")).containsExactly(a);
        assertThat(ids(api, "/api/v1/conversations?assignee_id=" + ana)).containsExactly(a);
        assertThat(ids(api, "/api/v1/conversations?team_id=" + team)).containsExactly(b);
        assertThat(ids(api, "/api/v1/conversations?contact_id=" + bob)).containsExactly(a);
        JsonNode page = ok(api.get("/api/v1/conversations?per_page=1"));
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("data")).hasSize(1);
    }

    @Test
    void concurrentRepliesGetDistinctConsecutivePositions() throws Exception {
        Api api = newWorkspace().api();
        long ana = teammate(api, "Ana", "ana@support.example");
        long id = created(api.post("/api/v1/conversations", map("title", "busy"))).path("id").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                calls.add(() -> api.post("/api/v1/conversations/" + id + "/reply", map("teammate_id", ana, "body", "r" + n)).status());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        JsonNode parts = ok(api.get("/api/v1/conversations/" + id + "/parts")).path("data");
        List<Integer> positions = new ArrayList<>();
        parts.forEach(p -> positions.add(p.path("position").asInt()));
        assertThat(positions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(ok(api.get("/api/v1/conversations/" + id)).path("parts_count").asInt()).isEqualTo(12);
    }

    private static List<Long> ids(Api api, String path) {
        List<Long> ids = new ArrayList<>();
        ok(api.get(path)).path("data").forEach(c -> ids.add(c.path("id").asLong()));
        return ids;
    }
}
