package io.porter.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PorterTest
class ExportRoundTripTest extends TestWorkspaces {

    @Test
    void anExportImportsBackWithNoChanges() throws Exception {
        Ws ws = newWorkspace("ES");
        Api api = ws.api();
        assertThat(api.post("/api/v1/fields", Map.of("key", "plan", "label", "Plan", "type", "text")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/fields", Map.of("key", "seats", "label", "Seats", "type", "number")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/fields", Map.of("key", "paying", "label", "Paying", "type", "boolean")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/fields", Map.of("key", "renews", "label", "Renews on", "type", "date")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/fields", Map.of("key", "mobile", "label", "Mobile", "type", "text")).status()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        ids.add(create(api, Api.map("name", "Zoë 😀 Łukasiewicz", "first_name", "Zoë", "last_name", "Łukasiewicz",
                "email", "ZOE@Example.com", "phone", "612 34 56 78", "user_id", "u-1", "role", "lead",
                "signed_up_at", "15/01/2024", "last_seen_at", "2024-03-01T10:15:30+01:00", "last_ip", "203.0.113.7",
                "city", "Málaga", "region", "Andalucía", "country", "ES", "avatar_url", "https://example.com/a.png",
                "language", "es", "custom_attributes", Api.map("plan", "gold, \"annual\"", "seats", 12.5, "paying", true,
                        "renews", "2025-01-31", "mobile", "+1 555 0100"))));
        ids.add(create(api, Api.map("name", "=HYPERLINK(\"http://evil\")", "email", "formula@example.com",
                "custom_attributes", Api.map("plan", "-2+3"))));
        ids.add(create(api, Api.map("first_name", "Solo", "email", "solo@example.com")));
        tag(api, ids.get(0), "New York, NY");
        tag(api, ids.get(0), "vip");
        tag(api, ids.get(1), "quote \" inside");
        List<JsonNode> before = contacts(api, ids);

        Api.Response export = api.get("/api/v1/contacts/export.csv");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.body()).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");

        Api.Response up = api.upload("/api/v1/imports", "export.csv", export.body().getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        long id = up.json().path("import").path("id").asLong();
        ObjectNode options = (ObjectNode) up.json().path("suggested_options");
        options.putNull("import_tag");
        assertThat(api.put("/api/v1/imports/" + id + "/plan", Map.of("options", options,
                "mapping", up.json().path("suggested_mapping"))).status()).isEqualTo(200);
        JsonNode review = api.post("/api/v1/imports/" + id + "/review", Map.of()).json();
        assertThat(review.path("updated").asInt()).as(review.toString()).isEqualTo(3);
        assertThat(review.path("errors").asInt()).isZero();
        assertThat(api.post("/api/v1/imports/" + id + "/start", Map.of()).status()).isEqualTo(202);
        api.awaitImport(id);

        assertThat(contacts(api, ids)).isEqualTo(before);
        assertThat(api.get("/api/v1/fields").json().path("data").size()).isEqualTo(5);
    }

    @Test
    void anExportCanBeNarrowedToATagAndToChosenFields() {
        Ws ws = newWorkspace("ES");
        Api api = ws.api();
        api.post("/api/v1/fields", Map.of("key", "plan", "label", "Plan", "type", "text"));
        api.post("/api/v1/fields", Map.of("key", "secret", "label", "Secret", "type", "text"));
        String a = create(api, Api.map("name", "In Tag", "email", "in@example.com", "custom_attributes", Api.map("plan", "p", "secret", "s")));
        create(api, Api.map("name", "Out Of Tag", "email", "out@example.com"));
        tag(api, a, "Spring 2015");
        Api.Response r = api.get("/api/v1/contacts/export.csv?tag=Spring%202015&fields=plan");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("in@example.com").doesNotContain("out@example.com").contains("Plan").doesNotContain("Secret");
        assertThat(r.body().lines().count()).isEqualTo(2);
        Api.Response bad = api.get("/api/v1/contacts/export.csv?fields=nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).contains("nope").contains("plan");
        assertThat(newWorkspace().api().get("/api/v1/contacts/export.csv").body()).doesNotContain("in@example.com");
    }

    private static String create(Api api, Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/contacts", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static void tag(Api api, String id, String tag) {
        assertThat(api.post("/api/v1/contacts/" + id + "/tags", Map.of("name", tag)).status()).isIn(200, 201);
    }

    private static List<JsonNode> contacts(Api api, List<String> ids) {
        List<JsonNode> out = new ArrayList<>();
        for (String id : ids) {
            ObjectNode c = (ObjectNode) api.get("/api/v1/contacts/" + id).json();
            c.remove("updated_at");
            out.add(c);
        }
        return out;
    }
}
