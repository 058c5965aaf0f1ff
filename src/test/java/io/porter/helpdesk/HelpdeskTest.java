package io.porter.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.support.Api;
import io.porter.support.TestWorkspaces;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/** What the help-desk tests share: teammates and contacts made through the API, and the outbox read back. */
abstract class HelpdeskTest extends TestWorkspaces {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient db;

    record Event(String type, String subjectId, JsonNode payload) {
    }

    /** A new teammate; the email is made unique (people are shared between workspaces) by a tag before the '@'. */
    static long teammate(Api api, String name, String email) {
        String unique = email.replace("@", "-" + java.util.UUID.randomUUID() + "@");
        Api.Response r = api.post("/api/v1/teammates", map("name", name, "email", unique, "role", "agent"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    static String emailOf(Api api, long teammate) {
        return api.get("/api/v1/teammates/" + teammate).json().path("email").asText();
    }

    static String contact(Api api, String name) {
        Api.Response r = api.post("/api/v1/contacts", map("name", name, "email", name.toLowerCase().replace(' ', '.') + "@example.com"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    static JsonNode created(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    static JsonNode ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** The workspace's domain events, oldest first. */
    List<Event> events(long ws) {
        return db.sql("select type, subject_id, payload::text from domain_event where workspace_id = ? order by id").param(ws)
                .query((rs, n) -> {
                    try {
                        return new Event(rs.getString(1), rs.getString(2), JSON.readTree(rs.getString(3)));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).list();
    }

    List<String> eventTypes(long ws) {
        return events(ws).stream().map(Event::type).toList();
    }

    Event last(long ws, String type) {
        List<Event> all = events(ws).stream().filter(e -> e.type().equals(type)).toList();
        assertThat(all).as("events of type " + type).isNotEmpty();
        return all.get(all.size() - 1);
    }
}
