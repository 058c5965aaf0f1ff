package io.porter.events;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PorterTest
class EventApiTest extends TestWorkspaces {

    private static String contact(Api api, Object... fields) {
        Api.Response r = api.post("/api/v1/contacts", map(fields));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static long eventCount(Api api, String contactId) {
        return api.get("/api/v1/contacts/" + contactId + "/events").json().path("total").asLong();
    }

    @Test
    void anEventNamesItsContactByIdEmailOrUserId() {
        Api api = newWorkspace().api();
        String id = contact(api, "email", "ana@example.com", "user_id", "u-1");
        Api.Response byId = api.post("/api/v1/events", map("contact_id", id, "name", "signed_in",
                "occurred_at", "2020-05-01T10:00:00+02:00", "metadata", map("browser", "firefox", "n", 2)));
        assertThat(byId.status()).as(byId.toString()).isEqualTo(201);
        assertThat(byId.json().path("contact_id").asText()).isEqualTo(id);
        assertThat(byId.json().path("occurred_at").asText()).isEqualTo("2020-05-01T08:00:00Z");
        assertThat(byId.json().path("metadata").path("browser").asText()).isEqualTo("firefox");
        assertThat(api.post("/api/v1/events", map("email", "ANA@example.COM", "name", "paid")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/events", map("user_id", "u-1", "name", "logged_out", "occurred_at", 1700000000))
                .status()).isEqualTo(201);
        assertThat(eventCount(api, id)).isEqualTo(3);
    }

    @Test
    void eventsOfAContactAreNewestFirstAndPaged() {
        Api api = newWorkspace().api();
        String id = contact(api, "name", "Ana");
        api.post("/api/v1/events", map("contact_id", id, "name", "second", "occurred_at", "02/01/2024"));
        api.post("/api/v1/events", map("contact_id", id, "name", "first", "occurred_at", "01/01/2024"));
        api.post("/api/v1/events", map("contact_id", id, "name", "third", "occurred_at", "03/01/2024"));
        JsonNode page1 = api.get("/api/v1/contacts/" + id + "/events?per_page=2").json();
        assertThat(page1.path("total").asLong()).isEqualTo(3);
        assertThat(names(page1)).containsExactly("third", "second");
        assertThat(names(api.get("/api/v1/contacts/" + id + "/events?per_page=2&page=2").json())).containsExactly("first");
    }

    @Test
    void aSingleBadEventIs400NamingWhatIsWrong() {
        Api api = newWorkspace().api();
        String id = contact(api, "name", "Ana");
        Api.Response none = api.post("/api/v1/events", map("name", "x"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.detail()).contains("contact_id", "email", "user_id");
        Api.Response two = api.post("/api/v1/events", map("contact_id", id, "user_id", "u", "name", "x"));
        assertThat(two.status()).isEqualTo(400);
        Api.Response date = api.post("/api/v1/events", map("contact_id", id, "name", "x", "occurred_at", "31/02/2024"));
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.detail()).contains("occurred_at", "31/02/2024");
        assertThat(api.post("/api/v1/events", map("contact_id", id, "name", " ")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/events", map("contact_id", id, "name", "x", "metadata", List.of(1))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/events", map("contact_id", "nope", "name", "x")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/events", map("contact_id", id, "name", "x", "when", "now")).detail()).contains("when");
        assertThat(eventCount(api, id)).isZero();
    }

    @Test
    void anEventForAnUnknownContactIs404() {
        Api api = newWorkspace().api();
        assertThat(api.post("/api/v1/events", map("email", "ghost@example.com", "name", "x")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/events", map("contact_id", "0b9e5c4e-8d1f-4c3a-9f2e-6a7b8c9d0e1f", "name", "x"))
                .status()).isEqualTo(404);
    }

    @Test
    void aBatchWritesEveryEventAndResolvesEachKindOfReference() {
        Api api = newWorkspace().api();
        String a = contact(api, "email", "a@example.com");
        String b = contact(api, "user_id", "b-1");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(switch (i % 3) {
                case 0 -> map("contact_id", a, "name", "e" + i);
                case 1 -> map("email", "A@EXAMPLE.com", "name", "e" + i, "occurred_at", "2023-01-01");
                default -> map("user_id", "b-1", "name", "e" + i, "metadata", map("i", i));
            });
        }
        Api.Response r = api.post("/api/v1/events/batch", map("events", events));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("created").asInt()).isEqualTo(1000);
        assertThat(eventCount(api, a)).isEqualTo(667);
        assertThat(eventCount(api, b)).isEqualTo(333);
    }

    @Test
    void aBatchOfMoreThanAThousandIs400AndWritesNothing() {
        Api api = newWorkspace().api();
        String id = contact(api, "name", "Ana");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(map("contact_id", id, "name", "e"));
        }
        Api.Response r = api.post("/api/v1/events/batch", map("events", events));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("1,000", "1,001");
        assertThat(eventCount(api, id)).isZero();
    }

    @Test
    void oneBadItemMeansNothingIsWrittenAndEachProblemIsListedByIndex() {
        Api api = newWorkspace().api();
        String id = contact(api, "email", "a@example.com");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(map("contact_id", id, "name", "ok"));
        }
        events.set(3, map("email", "not-an-email", "name", "bad"));
        events.set(5, map("email", "nobody@example.com", "name", "unknown"));
        events.set(7, map("contact_id", id, "name", "late", "occurred_at", "31/02/2024"));
        Api.Response r = api.post("/api/v1/events/batch", map("events", events));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.detail()).contains("events[3].email: 'not-an-email'", "events[5].email", "nobody@example.com",
                "events[7].occurred_at: '31/02/2024'");
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactly("events[3].email", "events[5].email", "events[7].occurred_at");
        assertThat(eventCount(api, id)).isZero();
    }

    @Test
    void aMalformedBatchIs400() {
        Api api = newWorkspace().api();
        assertThat(api.post("/api/v1/events/batch", map()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/events/batch", map("events", "x")).status()).isEqualTo(400);
        Api.Response notObject = api.post("/api/v1/events/batch", map("events", List.of(1)));
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(notObject.detail()).contains("events[0]");
        assertThat(api.raw("POST", "/api/v1/events/batch", "{\"events\": [", "application/json").status()).isEqualTo(400);
    }

    @Test
    void anAmbiguousEmailIsAnErrorNotAGuess() {
        Api api = newWorkspace().api();
        String a = contact(api, "email", "twin@example.com");
        String b = contact(api, "email", "TWIN@example.com");
        Api.Response r = api.post("/api/v1/events/batch", map("events", List.of(map("email", "twin@example.com", "name", "x"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("events[0].email", "2 contacts");
        assertThat(eventCount(api, a) + eventCount(api, b)).isZero();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("data").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }
}
