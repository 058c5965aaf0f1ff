package io.porter.contacts;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@PorterTest
class ContactApiTest extends TestWorkspaces {

    private static String id(Api.Response r) {
        return r.json().path("id").asText();
    }

    @Test
    void createThenGetShowsEveryFieldWithDefaults() {
        Api api = newWorkspace("ES").api();
        Api.Response created = api.post("/api/v1/contacts", map(
                "name", "Ana Núñez", "first_name", "Ana", "last_name", "Núñez", "email", " Ana@Example.com ",
                "phone", "612 34 56 78", "user_id", "u-1", "signed_up_at", "15/01/2024",
                "last_seen_at", "2024-03-01T10:15:00+01:00", "last_ip", "203.0.113.7", "city", "Madrid",
                "region", "Madrid", "country", "ES", "avatar_url", "https://example.com/a.png", "language", "es"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = id(created);
        JsonNode c = api.get("/api/v1/contacts/" + id).json();
        assertThat(c.path("id").asText()).isEqualTo(id);
        assertThat(c.path("role").asText()).isEqualTo("user");
        assertThat(c.path("email").asText()).isEqualTo("Ana@Example.com");
        assertThat(c.path("phone").asText()).isEqualTo("+34612345678");
        assertThat(c.path("signed_up_at").asText()).isEqualTo("2024-01-15T00:00:00Z");
        assertThat(c.path("last_seen_at").asText()).isEqualTo("2024-03-01T09:15:00Z");
        assertThat(c.path("last_ip").asText()).isEqualTo("203.0.113.7");
        assertThat(c.path("custom_attributes").isObject()).isTrue();
        assertThat(c.path("tags").isArray()).isTrue();
        assertThat(c.path("created_at").asText()).isNotEmpty();
        assertThat(c.path("updated_at").asText()).isEqualTo(c.path("created_at").asText());
    }

    @Test
    void createAnswersWithLocationOfTheNewContact() throws Exception {
        Api api = newWorkspace().api();
        // the support client does not show headers, so this one request is sent by hand
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/contacts"))
                        .header("Authorization", "Bearer " + api.token()).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"loc@example.com\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/v1/contacts/" + new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("id").asText());
        assertThat(api.get(java.net.URI.create(location).getPath()).json().path("email").asText()).isEqualTo("loc@example.com");
    }

    @Test
    void aContactNeedsSomethingToKnowItBy() {
        Api api = newWorkspace().api();
        Api.Response r = api.post("/api/v1/contacts", map("city", "Madrid", "role", "lead"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.detail()).contains("name", "email", "phone", "user_id");
        assertThat(api.get("/api/v1/contacts").json().path("total").asLong()).isZero();
    }

    @Test
    void unicodeAndEmojiNamesRoundTrip() {
        Api api = newWorkspace().api();
        String name = "Zoë 😀 Łukasiewicz";
        String id = id(api.post("/api/v1/contacts", map("name", name, "city", "Łódź")));
        JsonNode c = api.get("/api/v1/contacts/" + id).json();
        assertThat(c.path("name").asText()).isEqualTo(name);
        assertThat(c.path("city").asText()).isEqualTo("Łódź");
    }

    @Test
    void anImpossibleDateIs400NamingFieldAndValue() {
        Api api = newWorkspace().api();
        Api.Response r = api.post("/api/v1/contacts", map("email", "d@example.com", "signed_up_at", "31/02/2024"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asText()).isEqualTo("signed_up_at");
        assertThat(r.json().path("value").asText()).isEqualTo("31/02/2024");
        assertThat(r.detail()).contains("signed_up_at", "31/02/2024");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1705312800", "1705312800000", "2024-01-15", "15/01/2024", "2024-01-15T11:00:00+01:00"})
    void timesAcceptEveryDateFormat(String written) {
        Api api = newWorkspace().api();
        Api.Response r = api.post("/api/v1/contacts", map("user_id", "t", "last_seen_at", written));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(Instant.parse(r.json().path("last_seen_at").asText()))
                .isIn(Instant.parse("2024-01-15T10:00:00Z"), Instant.parse("2024-01-15T00:00:00Z"));
    }

    @Test
    void invalidStandardValuesAre400NamingTheField() {
        Api api = newWorkspace().api();
        assertThat(api.post("/api/v1/contacts", map("email", "ana@")).json().path("field").asText()).isEqualTo("email");
        assertThat(api.post("/api/v1/contacts", map("phone", "12")).json().path("field").asText()).isEqualTo("phone");
        assertThat(api.post("/api/v1/contacts", map("name", "x", "role", "boss")).json().path("field").asText()).isEqualTo("role");
        assertThat(api.post("/api/v1/contacts", map("name", "x", "last_ip", "999.1.1.1")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/contacts", map("name", "x", "avatar_url", "ftp://x")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/contacts", map("name", List.of("a", "b"))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/contacts", map("name", "nul\u0000here")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/contacts").json().path("total").asLong()).isZero();
    }

    @Test
    void unknownFieldsAre400NamingThemAndListingTheValidOnes() {
        Api api = newWorkspace().api();
        Api.Response r = api.post("/api/v1/contacts", map("name", "x", "nickname", "y"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("'nickname'", "first_name", "avatar_url", "custom_attributes");
        Api.Response tags = api.post("/api/v1/contacts", map("name", "x", "tags", List.of("vip")));
        assertThat(tags.status()).isEqualTo(400);
        assertThat(tags.detail()).contains("/tags");
    }

    @Test
    void malformedJsonAndWrongShapesAre400() {
        Api api = newWorkspace().api();
        Api.Response broken = api.raw("POST", "/api/v1/contacts", "{\"name\": ", "application/json");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(api.raw("POST", "/api/v1/contacts", "[1,2]", "application/json").status()).isEqualTo(400);
        assertThat(api.raw("POST", "/api/v1/contacts", "", "application/json").status()).isEqualTo(400);
        String id = id(api.post("/api/v1/contacts", map("name", "x")));
        assertThat(api.raw("PATCH", "/api/v1/contacts/" + id, "nope", "application/json").status()).isEqualTo(400);
    }

    @Test
    void aPathIdThatIsNoUuidIs400NotAServerError() {
        Api api = newWorkspace().api();
        Api.Response r = api.get("/api/v1/contacts/not-a-uuid");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("not-a-uuid");
        assertThat(api.patch("/api/v1/contacts/123", map("name", "x")).status()).isEqualTo(400);
        assertThat(api.delete("/api/v1/contacts/123").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/contacts/0b9e5c4e-8d1f-4c3a-9f2e-6a7b8c9d0e1f").status()).isEqualTo(404);
    }

    @Test
    void patchChangesOnlyWhatIsPresentAndNullClears() {
        Api api = newWorkspace().api();
        String id = id(api.post("/api/v1/contacts", map("name", "Ana", "email", "ana@example.com", "city", "Madrid",
                "phone", "+34 612 34 56 78")));
        Api.Response r = api.patch("/api/v1/contacts/" + id, map("city", "Sevilla", "phone", null));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode c = api.get("/api/v1/contacts/" + id).json();
        assertThat(c.path("city").asText()).isEqualTo("Sevilla");
        assertThat(c.path("phone").isNull()).isTrue();
        assertThat(c.path("name").asText()).isEqualTo("Ana");
        assertThat(c.path("email").asText()).isEqualTo("ana@example.com");
        assertThat(Instant.parse(c.path("updated_at").asText())).isAfter(Instant.parse(c.path("created_at").asText()));
    }

    @Test
    void patchThatChangesNothingLeavesUpdatedAt() {
        Api api = newWorkspace().api();
        JsonNode before = api.post("/api/v1/contacts", map("name", "Ana", "city", "Madrid")).json();
        String id = before.path("id").asText();
        JsonNode after = api.patch("/api/v1/contacts/" + id, map("city", "Madrid")).json();
        assertThat(after.path("updated_at").asText()).isEqualTo(before.path("updated_at").asText());
        JsonNode empty = api.patch("/api/v1/contacts/" + id, map()).json();
        assertThat(empty.path("updated_at").asText()).isEqualTo(before.path("updated_at").asText());
    }

    @Test
    void patchMayNotLeaveAContactWithNothingToKnowItBy() {
        Api api = newWorkspace().api();
        String id = id(api.post("/api/v1/contacts", map("email", "only@example.com", "city", "Madrid")));
        Api.Response r = api.patch("/api/v1/contacts/" + id, map("email", null, "city", "Bilbao"));
        assertThat(r.status()).isEqualTo(400);
        JsonNode c = api.get("/api/v1/contacts/" + id).json();
        assertThat(c.path("email").asText()).isEqualTo("only@example.com");
        assertThat(c.path("city").asText()).isEqualTo("Madrid");
    }

    @Test
    void patchedEmailIsFoundByItsNewAddressOnly() {
        Api api = newWorkspace().api();
        String id = id(api.post("/api/v1/contacts", map("email", "old@example.com")));
        api.patch("/api/v1/contacts/" + id, map("email", "New@Example.com"));
        assertThat(api.get("/api/v1/contacts?email=new@example.com").json().path("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/contacts?email=old@example.com").json().path("total").asLong()).isZero();
    }

    @Test
    void roleClearedGoesBackToUser() {
        Api api = newWorkspace().api();
        String id = id(api.post("/api/v1/contacts", map("name", "L", "role", "LEAD")));
        assertThat(api.get("/api/v1/contacts/" + id).json().path("role").asText()).isEqualTo("lead");
        assertThat(api.patch("/api/v1/contacts/" + id, map("role", null)).json().path("role").asText()).isEqualTo("user");
    }

    @Test
    void deleteRemovesTheContact() {
        Api api = newWorkspace().api();
        String id = id(api.post("/api/v1/contacts", map("name", "Gone")));
        assertThat(api.delete("/api/v1/contacts/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/contacts/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/contacts/" + id).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/contacts/" + id, map("name", "x")).status()).isEqualTo(404);
    }

    @Test
    void listPagesWithTotals() {
        Api api = newWorkspace().api();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(id(api.post("/api/v1/contacts", map("name", "P" + i))));
        }
        JsonNode first = api.get("/api/v1/contacts?per_page=3").json();
        assertThat(first.path("total").asLong()).isEqualTo(7);
        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("per_page").asInt()).isEqualTo(3);
        assertThat(first.path("data")).hasSize(3);
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            api.get("/api/v1/contacts?per_page=3&page=" + page).json().path("data").forEach(c -> seen.add(c.path("id").asText()));
        }
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(api.get("/api/v1/contacts?per_page=3&page=9").json().path("data")).isEmpty();
        assertThat(api.get("/api/v1/contacts").json().path("per_page").asInt()).isEqualTo(50);
    }

    @Test
    void pagingOutOfRangeIs400() {
        Api api = newWorkspace().api();
        assertThat(api.get("/api/v1/contacts?per_page=101").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/contacts?per_page=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/contacts?page=0").status()).isEqualTo(400);
        Api.Response r = api.get("/api/v1/contacts?page=two");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("page", "two");
        assertThat(api.get("/api/v1/contacts?per_page=100").status()).isEqualTo(200);
    }

    @Test
    void emailFilterIgnoresCaseBothWays() {
        Api api = newWorkspace().api();
        String lower = id(api.post("/api/v1/contacts", map("email", "ñoño@example.com")));
        String upper = id(api.post("/api/v1/contacts", map("email", "PEPÉ@Example.COM")));
        api.post("/api/v1/contacts", map("email", "other@example.com"));
        assertThat(ids(api.get("/api/v1/contacts?email=%C3%91O%C3%91O@Example.COM"))).containsExactly(lower);
        assertThat(ids(api.get("/api/v1/contacts?email=%20pep%C3%A9@example.com%20"))).containsExactly(upper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0034612345678", "612-345-678", "(612)%20345%20678", "612345678", "%2B34%20612%2034%2056%2078"})
    void phoneFilterReadsAnyWayOfWritingTheNumber(String query) {
        Api api = newWorkspace("ES").api();
        String id = id(api.post("/api/v1/contacts", map("phone", "+34 612 34 56 78")));
        api.post("/api/v1/contacts", map("phone", "+34 699 99 99 99"));
        assertThat(ids(api.get("/api/v1/contacts?phone=" + query))).containsExactly(id);
    }

    @Test
    void theShortestValidNumbersAreKept() {
        // +98 9601 is an Iranian UAN: six digits, valid for libphonenumber, and once refused by the database's check
        Api api = newWorkspace("ES").api();
        Api.Response created = api.post("/api/v1/contacts", map("name", "Short Number", "phone", "+98 9601"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("phone").asText()).isEqualTo("+989601");
    }

    @Test
    void userIdAndTagFilters() {
        Api api = newWorkspace().api();
        String a = id(api.post("/api/v1/contacts", map("user_id", "u-1")));
        String b = id(api.post("/api/v1/contacts", map("user_id", "u-2")));
        api.post("/api/v1/contacts/" + b + "/tags", map("name", "VIP"));
        assertThat(ids(api.get("/api/v1/contacts?user_id=u-1"))).containsExactly(a);
        assertThat(ids(api.get("/api/v1/contacts?tag=VIP"))).containsExactly(b);
        assertThat(ids(api.get("/api/v1/contacts?tag=VIP&user_id=u-1"))).isEmpty();
        assertThat(ids(api.get("/api/v1/contacts?tag=nobody"))).isEmpty();
    }

    @Test
    void anUnreadableFilterValueIs400() {
        Api api = newWorkspace().api();
        assertThat(api.get("/api/v1/contacts?email=not-an-email").status()).isEqualTo(400);
        Api.Response phone = api.get("/api/v1/contacts?phone=12");
        assertThat(phone.status()).isEqualTo(400);
        assertThat(phone.json().path("field").asText()).isEqualTo("phone");
    }

    static List<String> ids(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().path("data").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(r.json().path("total").asLong()).isEqualTo(ids.size());
        return ids;
    }
}
