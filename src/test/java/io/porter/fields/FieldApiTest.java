package io.porter.fields;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@PorterTest
class FieldApiTest extends TestWorkspaces {

    @Test
    void defineListRelabelDelete() {
        Api api = newWorkspace().api();
        Api.Response created = api.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "text"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("type").asText()).isEqualTo("text");
        api.post("/api/v1/fields", map("key", "seats", "label", "Seats", "type", "NUMBER"));
        JsonNode list = api.get("/api/v1/fields").json().path("data");
        assertThat(list).hasSize(2);
        assertThat(list.get(1).path("key").asText()).isEqualTo("seats");
        assertThat(list.get(1).path("type").asText()).isEqualTo("number");

        Api.Response relabeled = api.patch("/api/v1/fields/plan", map("label", "Subscription plan"));
        assertThat(relabeled.json().path("label").asText()).isEqualTo("Subscription plan");
        assertThat(relabeled.json().path("type").asText()).isEqualTo("text");

        assertThat(api.delete("/api/v1/fields/plan").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/fields/plan").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/fields/plan").status()).isEqualTo(404);
    }

    @Test
    void onlyTheLabelCanChange() {
        Api api = newWorkspace().api();
        api.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "text"));
        Api.Response r = api.patch("/api/v1/fields/plan", map("type", "number"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("'type'", "label");
        assertThat(api.patch("/api/v1/fields/plan", map("label", "  ")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/fields/plan").json().path("label").asText()).isEqualTo("Plan");
        assertThat(api.patch("/api/v1/fields/nope", map("label", "x")).status()).isEqualTo(404);
    }

    @Test
    void aDuplicateKeyIs409() {
        Api api = newWorkspace().api();
        api.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "text"));
        Api.Response r = api.post("/api/v1/fields", map("key", "plan", "label", "Other", "type", "number"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.detail()).contains("plan");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Plan", "1plan", "plan-b", "", "email", "first_name", "tags",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void badKeysAre400(String key) {
        Api api = newWorkspace().api();
        Api.Response r = api.post("/api/v1/fields", map("key", key, "label", "L", "type", "text"));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("field").asText()).isEqualTo("key");
    }

    @Test
    void anUnknownTypeIs400ListingTheTypes() {
        Api api = newWorkspace().api();
        Api.Response r = api.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "money"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("money", "text", "number", "boolean", "date");
        assertThat(api.post("/api/v1/fields", map("key", "plan", "label", "Plan")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", 3)).status()).isEqualTo(400);
    }

    @Test
    void contactsKeepValuesOfDefinedFieldsInTheirType() {
        Api api = newWorkspace().api();
        api.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "text"));
        api.post("/api/v1/fields", map("key", "seats", "label", "Seats", "type", "number"));
        api.post("/api/v1/fields", map("key", "paying", "label", "Paying", "type", "boolean"));
        api.post("/api/v1/fields", map("key", "renews_at", "label", "Renews", "type", "date"));
        Api.Response r = api.post("/api/v1/contacts", map("name", "Ana", "custom_attributes",
                map("plan", "pro", "seats", 12.5, "paying", "yes", "renews_at", "31/12/2025")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode attrs = r.json().path("custom_attributes");
        assertThat(attrs.path("plan").asText()).isEqualTo("pro");
        assertThat(attrs.path("seats").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(attrs.path("paying").asBoolean()).isTrue();
        assertThat(attrs.path("renews_at").asText()).isEqualTo("2025-12-31T00:00:00Z");

        Api.Response asStrings = api.post("/api/v1/contacts", map("name", "Bea", "custom_attributes",
                map("seats", "3", "paying", false)));
        assertThat(asStrings.json().path("custom_attributes").path("seats").asInt()).isEqualTo(3);
        assertThat(asStrings.json().path("custom_attributes").path("paying").asBoolean()).isFalse();
    }

    @Test
    void numbersComeBackAsTheyWereGivenNotAsDoubles() {
        Api api = newWorkspace().api();
        api.post("/api/v1/fields", map("key", "seats", "label", "Seats", "type", "number"));
        for (String given : java.util.List.of("12345678901234567.25", "7.50", "0.1", "-3")) {
            Api.Response r = api.post("/api/v1/contacts", map("name", "Ana", "custom_attributes",
                    map("seats", new java.math.BigDecimal(given))));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.body()).contains("\"seats\":" + given + "}");
            assertThat(api.get("/api/v1/contacts/" + r.json().path("id").asText()).body()).contains("\"seats\":" + given + "}");
        }
        Api.Response tooLong = api.post("/api/v1/contacts", map("name", "Ana", "custom_attributes",
                map("seats", "1" + "0".repeat(1000))));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.detail()).contains("has more digits than a number can hold");
    }

    @Test
    void customAttributesPatchPerKey() {
        Api api = newWorkspace().api();
        api.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "text"));
        api.post("/api/v1/fields", map("key", "seats", "label", "Seats", "type", "number"));
        String id = api.post("/api/v1/contacts", map("name", "Ana", "custom_attributes", map("plan", "pro", "seats", 2)))
                .json().path("id").asText();
        JsonNode a = api.patch("/api/v1/contacts/" + id, map("custom_attributes", map("seats", 5))).json();
        assertThat(a.path("custom_attributes").path("plan").asText()).isEqualTo("pro");
        assertThat(a.path("custom_attributes").path("seats").asInt()).isEqualTo(5);
        JsonNode b = api.patch("/api/v1/contacts/" + id, map("custom_attributes", map("plan", null))).json();
        assertThat(b.path("custom_attributes").has("plan")).isFalse();
        assertThat(b.path("custom_attributes").path("seats").asInt()).isEqualTo(5);
        JsonNode c = api.patch("/api/v1/contacts/" + id, map("custom_attributes", null)).json();
        assertThat(c.path("custom_attributes").size()).isZero();
    }

    @Test
    void undefinedOrBadCustomValuesAre400() {
        Api api = newWorkspace().api();
        api.post("/api/v1/fields", map("key", "seats", "label", "Seats", "type", "number"));
        Api.Response undefined = api.post("/api/v1/contacts", map("name", "A", "custom_attributes", map("x", "1")));
        assertThat(undefined.status()).isEqualTo(400);
        assertThat(undefined.detail()).contains("no custom field 'x'; create it with POST /api/v1/fields");
        Api.Response bad = api.post("/api/v1/contacts", map("name", "A", "custom_attributes", map("seats", "many")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("custom_attributes.seats");
        assertThat(bad.detail()).contains("many");
        assertThat(api.post("/api/v1/contacts", map("name", "A", "custom_attributes", "x")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/contacts").json().path("total").asLong()).isZero();
    }

    @Test
    void deletingAFieldRemovesItsValuesFromContacts() {
        Api api = newWorkspace().api();
        api.post("/api/v1/fields", map("key", "plan", "label", "Plan", "type", "text"));
        api.post("/api/v1/fields", map("key", "seats", "label", "Seats", "type", "number"));
        String id = api.post("/api/v1/contacts", map("name", "Ana", "custom_attributes", map("plan", "pro", "seats", 2)))
                .json().path("id").asText();
        api.delete("/api/v1/fields/plan");
        JsonNode attrs = api.get("/api/v1/contacts/" + id).json().path("custom_attributes");
        assertThat(attrs.has("plan")).isFalse();
        assertThat(attrs.path("seats").asInt()).isEqualTo(2);
        // once deleted, the key is unknown again
        assertThat(api.patch("/api/v1/contacts/" + id, map("custom_attributes", map("plan", "x"))).status()).isEqualTo(400);
    }
}
