package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Other tools' exports, read as those tools write them, through the same flow as a CSV. */
@PorterTest
class SourcesImportTest extends TestWorkspaces {

    static Path shared(String path) {
        String env = System.getenv("SHARED_TESTDATA");
        Path root = Path.of(env != null ? env : "../shared/testdata");
        assumeTrue(Files.isDirectory(root), "../shared/testdata is absent: the tests on other tools' real export layouts are skipped");
        return root.resolve(path);
    }

    @Test
    void aMailchimpMembersExportImportsWithoutNamesWithItsTimesTagsAndStatus() throws IOException {
        Ws ws = newWorkspace("ES");
        byte[] file = Files.readAllBytes(shared("exports/mailchimp/ghost-migrate-subscribed.csv"));
        JsonNode up = upload(ws.api(), "ghost-migrate-subscribed.csv", file, Map.of());
        assertThat(up.path("import").path("source").asText()).isEqualTo("mailchimp");
        Map<String, String> fields = fields(up);
        assertThat(fields).containsEntry("Email Address", "email").containsEntry("First Name", "first_name")
                .containsEntry("OPTIN_TIME", "signed_up_at").containsEntry("TAGS", "tags").containsEntry("CC", "country")
                .containsEntry("Last IP", "last_ip").containsEntry("Status", "custom.subscription_status");
        JsonNode done = run(ws.api(), up, null);
        assertThat(done.path("counts").path("added").asInt()).isEqualTo(5);
        JsonNode s2 = one(ws.api(), "s2@example.com");
        assertThat(s2.path("signed_up_at").asText()).isEqualTo("2018-02-12T10:54:27Z");
        assertThat(s2.path("tags").toString()).contains("Lorem Editors");
        assertThat(s2.path("custom_attributes").path("subscription_status").asText()).isEqualTo("subscribed");
        assertThat(one(ws.api(), "s5@example.com").path("first_name").asText()).isEqualTo("Dolor");
    }

    @Test
    void theAudienceZipBringsSubscribedUnsubscribedAndCleanedMembersWithTheirStatus() throws IOException {
        Ws ws = newWorkspace("ES");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            for (String s : List.of("subscribed", "unsubscribed", "cleaned")) {
                z.putNextEntry(new ZipEntry("members_export_abc/" + s + "_members_export_abc.csv"));
                z.write(Files.readAllBytes(shared("exports/mailchimp/ghost-migrate-" + s + ".csv")));
                z.closeEntry();
            }
        }
        JsonNode up = upload(ws.api(), "members_export_abc.zip", zip.toByteArray(), Map.of());
        assertThat(up.path("import").path("source").asText()).isEqualTo("mailchimp");
        assertThat(up.path("import").path("row_count").asInt()).isEqualTo(15);
        JsonNode done = run(ws.api(), up, null);
        assertThat(done.path("counts").path("added").asInt()).isEqualTo(15);
        assertThat(one(ws.api(), "u1@example.com").path("custom_attributes").path("subscription_status").asText()).isEqualTo("unsubscribed");
        assertThat(one(ws.api(), "c2@example.com").path("custom_attributes").path("subscription_status").asText()).isEqualTo("cleaned");
        assertThat(one(ws.api(), "c2@example.com").path("first_name").asText()).isEqualTo("Simet");
    }

    @Test
    void mailchimpQuotedTagsAccentsEmojiMissingColumnsAndTheOptinIpFallback() {
        Ws ws = newWorkspace("ES");
        String csv = "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LEID,TAGS\n"
                + "zoe@example.com,Zoë 😀,Núñez,2,2019-03-04 05:06:07,198.51.100.9,2019-03-04 05:06:08,,1,\"\"\"New York, NY\"\",Editors\"\n"
                + "kim@example.com,,,1,2019-03-04 05:06:07,198.51.100.9,2019-03-04 05:06:08,203.0.113.5,2,\n";
        JsonNode up = upload(ws.api(), "unsubscribed_members_export.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of());
        run(ws.api(), up, null);
        JsonNode zoe = one(ws.api(), "zoe@example.com");
        assertThat(zoe.path("first_name").asText()).isEqualTo("Zoë 😀");
        assertThat(zoe.path("last_ip").asText()).isEqualTo("198.51.100.9");
        assertThat(zoe.path("tags").toString()).contains("\"New York, NY\"").contains("\"Editors\"");
        assertThat(zoe.path("custom_attributes").path("subscription_status").asText()).isEqualTo("unsubscribed");
        assertThat(one(ws.api(), "kim@example.com").path("last_ip").asText()).isEqualTo("203.0.113.5");
    }

    @Test
    void mixpanelsEngageAnswerImportsByDistinctIdWithItsZonelessTimesAsUtc() throws IOException {
        Ws ws = newWorkspace("ES");
        byte[] file = Files.readAllBytes(shared("exports/mixpanel/mixpanel-openapi-engage-query-example.json"));
        JsonNode up = upload(ws.api(), "engage.json", file, Map.of());
        assertThat(up.path("import").path("source").asText()).isEqualTo("mixpanel");
        assertThat(up.path("suggested_options").path("identifier").asText()).isEqualTo("user-id");
        JsonNode done = run(ws.api(), up, null);
        assertThat(done.path("counts").path("added").asInt()).isEqualTo(1);
        JsonNode c = ws.api().get("/api/v1/contacts?user_id=4").json().path("data").get(0);
        assertThat(c.path("email").asText()).isEqualTo("example@mixpanel.com");
        assertThat(c.path("signed_up_at").asText()).isEqualTo("2008-12-12T11:20:47Z");
        assertThat(c.path("last_seen_at").asText()).isEqualTo("2008-06-09T23:08:40Z");
    }

    @Test
    void mixpanelsDocumentedSampleWithCommentsStillImports() throws IOException {
        Ws ws = newWorkspace("ES");
        byte[] file = Files.readAllBytes(shared("exports/mixpanel/mixpanel-docs-engage-sample-payload-with-comments.txt"));
        JsonNode up = upload(ws.api(), "sample.txt", file, Map.of("source", "mixpanel"));
        assertThat(up.path("import").path("row_count").asInt()).isEqualTo(2);
    }

    @Test
    void mixpanelProfilesPerLineWithNestedValuesTypedCustomFieldsAndNoEmail() {
        Ws ws = newWorkspace("ES");
        String jsonl = """
                {"$distinct_id": "u-1", "$properties": {"$name": "Ana", "$email": "ana@example.com", "plan": "pro", "seats": 3, "beta": true, "renews": "2025-01-31T00:00:00", "address": {"city": "Cádiz", "zip": "11001"}}}
                {"$distinct_id": "u-2", "$properties": {"seats": 12.5, "beta": false, "renews": "2025-02-28T10:00:00", "address": ["a", "b"]}}
                """;
        JsonNode up = upload(ws.api(), "people.jsonl", jsonl.getBytes(StandardCharsets.UTF_8), Map.of());
        Map<String, JsonNode> mapping = new java.util.HashMap<>();
        up.path("suggested_mapping").forEach(m -> mapping.put(m.path("header").asText(), m));
        assertThat(mapping.get("seats").path("create").path("type").asText()).isEqualTo("number");
        assertThat(mapping.get("beta").path("create").path("type").asText()).isEqualTo("boolean");
        assertThat(mapping.get("renews").path("create").path("type").asText()).isEqualTo("date");
        assertThat(mapping.get("plan").path("create").path("type").asText()).isEqualTo("text");
        JsonNode done = run(ws.api(), up, null);
        assertThat(done.path("counts").path("added").asInt()).as(done.toString()).isEqualTo(2);
        JsonNode u2 = ws.api().get("/api/v1/contacts?user_id=u-2").json().path("data").get(0);
        assertThat(u2.path("email").isNull()).isTrue();
        assertThat(u2.path("custom_attributes").path("seats").asDouble()).isEqualTo(12.5);
        assertThat(u2.path("custom_attributes").path("beta").asBoolean()).isFalse();
        JsonNode u1 = ws.api().get("/api/v1/contacts?user_id=u-1").json().path("data").get(0);
        assertThat(u1.path("custom_attributes").path("address").asText()).contains("\"city\":\"Cádiz\"");
    }

    @Test
    void intercomRulesMatchByUserIdThenEmailNeedAnEmailAndSetTheRole() {
        Ws ws = newWorkspace("ES");
        String moved = ws.api().post("/api/v1/contacts", Map.of("name", "Old Mail", "user_id", "u-1", "email", "old@example.com"))
                .json().path("id").asText();
        String byEmail = ws.api().post("/api/v1/contacts", Map.of("name", "By Mail", "email", "mail@example.com"))
                .json().path("id").asText();
        String csv = "user_id,email,name,signed_up_at\n"
                + "u-1,new@example.com,Old Mail,1700000000\n"
                + ",mail@example.com,By Mail,15/01/2024\n"
                + "u-9,,No Mail,\n"
                + "u-3,lead@example.com,,\n";
        JsonNode up = upload(ws.api(), "intercom.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of("source", "intercom"));
        assertThat(up.path("suggested_options").path("identifier").asText()).isEqualTo("user-id-or-email");
        ObjectNode options = (ObjectNode) up.path("suggested_options");
        options.put("role", "lead");
        JsonNode done = run(ws.api(), up, options);
        assertThat(done.path("counts").path("updated").asInt()).isEqualTo(2);
        assertThat(done.path("counts").path("added").asInt()).isEqualTo(1);
        assertThat(done.path("counts").path("errors").asInt()).isEqualTo(1);
        assertThat(ws.api().get("/api/v1/contacts/" + moved).json().path("email").asText()).isEqualTo("new@example.com");
        assertThat(ws.api().get("/api/v1/contacts/" + byEmail).json().path("signed_up_at").asText()).isEqualTo("2024-01-15T00:00:00Z");
        JsonNode lead = one(ws.api(), "lead@example.com");
        assertThat(lead.path("role").asText()).isEqualTo("lead");
        assertThat(lead.path("name").isNull()).as("a missing name is no error for Intercom's rules").isTrue();
        String result = ws.api().get("/api/v1/imports/" + done.path("id").asLong() + "/result.csv").body();
        assertThat(result).contains("email").contains("need an email on every row");
    }

    @Test
    void aFileThatIsNotJsonSaysSoWhenMixpanelIsChosen() {
        Ws ws = newWorkspace("ES");
        Api.Response r = ws.api().upload("/api/v1/imports", "x.json", "{\"$distinct_id\": 1, ".getBytes(StandardCharsets.UTF_8),
                Map.of("source", "mixpanel"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("not valid JSON");
    }

    private static JsonNode upload(Api api, String name, byte[] content, Map<String, String> fields) {
        Api.Response r = api.upload("/api/v1/imports", name, content, fields);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static Map<String, String> fields(JsonNode up) {
        Map<String, String> out = new java.util.HashMap<>();
        up.path("suggested_mapping").forEach(m -> out.put(m.path("header").asText(), m.path("field").asText()));
        return out;
    }

    private static JsonNode run(Api api, JsonNode up, JsonNode options) {
        long id = up.path("import").path("id").asLong();
        Api.Response plan = api.put("/api/v1/imports/" + id + "/plan", Map.of(
                "options", options == null ? up.path("suggested_options") : options, "mapping", up.path("suggested_mapping")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        Api.Response review = api.post("/api/v1/imports/" + id + "/review", Map.of());
        assertThat(review.status()).as(review.toString()).isEqualTo(200);
        assertThat(api.post("/api/v1/imports/" + id + "/start", Map.of()).status()).isEqualTo(202);
        return api.awaitImport(id);
    }

    private static JsonNode one(Api api, String email) {
        JsonNode data = api.get("/api/v1/contacts?email=" + email).json().path("data");
        assertThat(data.size()).as(email).isEqualTo(1);
        return data.get(0);
    }
}
