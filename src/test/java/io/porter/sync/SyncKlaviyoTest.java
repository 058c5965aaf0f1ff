package io.porter.sync;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestClock;
import io.porter.support.TestWorkspaces;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Klaviyo's APIs as a local receiver sees them: request shapes, headers, idempotency, bulk jobs, 429 and Retry-After. */
@PorterTest
class SyncKlaviyoTest extends TestWorkspaces {

    static final TestClock CLOCK = TestClock.INSTANCE;

    @Autowired
    SyncWorker worker;

    final Receiver klaviyo = new Receiver(CLOCK);

    @AfterEach
    void close() {
        klaviyo.close();
    }

    long destination(Ws ws) {
        Api.Response r = ws.api().post("/api/v1/destinations", map("kind", "klaviyo", "name", "Klaviyo",
                "api_key", "pk_test_123", "base_url", klaviyo.url("")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("secret").isNull()).as("an API key is never answered back").isTrue();
        assertThat(r.body()).doesNotContain("pk_test_123");
        return r.json().path("destination").path("id").asLong();
    }

    @Test
    void aNewContactIsAnEventWithItsProfileAndAChangeIsAProfileImport() {
        Ws ws = newWorkspace();
        destination(ws);
        Api.Response c = ws.api().post("/api/v1/contacts", map("email", "ana@example.com", "first_name", "Ana",
                "last_name", "Núñez", "phone", "612 34 56 78", "city", "Madrid", "country", "ES", "role", "lead"));
        String id = c.json().path("id").asText();
        ws.api().post("/api/v1/contacts/" + id + "/tags", map("name", "vip"));
        // contact.deleted and import.completed are not Klaviyo's
        worker.drain();

        List<Receiver.Request> got = klaviyo.requests();
        assertThat(got).extracting(Receiver.Request::path).containsExactly("/api/events", "/api/profile-import");
        for (Receiver.Request r : got) {
            assertThat(r.header("authorization")).isEqualTo("Klaviyo-API-Key pk_test_123");
            assertThat(r.header("revision")).matches("\\d{4}-\\d{2}-\\d{2}");
        }
        JsonNode event = got.get(0).json().path("data");
        assertThat(event.path("type").asText()).isEqualTo("event");
        JsonNode a = event.path("attributes");
        assertThat(a.path("metric").path("data").path("type").asText()).isEqualTo("metric");
        assertThat(a.path("metric").path("data").path("attributes").path("name").asText()).isEqualTo("Porter Contact Created");
        assertThat(a.path("unique_id").asText()).isEqualTo(Long.toString(a.path("properties").path("Porter Event ID").asLong()));
        assertThat(a.path("properties").path("backfill").asBoolean()).isFalse();
        assertThat(a.path("time").asText()).isNotEmpty();
        JsonNode profile = a.path("profile").path("data");
        assertThat(profile.path("type").asText()).isEqualTo("profile");
        JsonNode pa = profile.path("attributes");
        assertThat(pa.path("email").asText()).isEqualTo("ana@example.com");
        assertThat(pa.path("phone_number").asText()).isEqualTo("+34612345678");
        assertThat(pa.path("external_id").asText()).isEqualTo(id);
        assertThat(pa.path("first_name").asText()).isEqualTo("Ana");
        assertThat(pa.path("location").path("city").asText()).isEqualTo("Madrid");
        assertThat(pa.path("properties").path("Porter Contact ID").asText()).isEqualTo(id);
        assertThat(pa.path("properties").path("Porter Role").asText()).isEqualTo("lead");
        assertThat(pa.path("properties").path("Has Hard Bounced").asBoolean(true)).isFalse();
        assertThat(pa.path("properties").path("Opted Out Subscription Types Count").asInt(-1)).isZero();

        JsonNode imported = got.get(1).json().path("data");
        assertThat(imported.path("type").asText()).isEqualTo("profile");
        assertThat(imported.path("attributes").path("properties").path("Porter Tags")).extracting(JsonNode::asText).containsExactly("vip");
    }

    @Test
    void aBacklogGoesInBulkJobsMarkedAsBackfill() {
        Ws ws = newWorkspace();
        long dest = destination(ws);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 40; i++) {
            csv.append("bulk").append(i).append("@example.com,Person ").append(i).append('\n');
        }
        SyncWebhookTest.importCsv(ws.api(), csv.toString(), false);
        // the same file again: every contact updated
        SyncWebhookTest.importCsv(ws.api(), csv.toString().replace("Person", "Persona"), false);
        worker.drain();

        List<Receiver.Request> got = klaviyo.requests();
        assertThat(got).extracting(Receiver.Request::path).containsExactly("/api/event-bulk-create-jobs", "/api/profile-bulk-import-jobs");
        JsonNode job = got.get(0).json().path("data");
        assertThat(job.path("type").asText()).isEqualTo("event-bulk-create-job");
        JsonNode entries = job.path("attributes").path("events-bulk-create").path("data");
        assertThat(entries).hasSize(40);
        Set<String> uniqueIds = new HashSet<>();
        for (JsonNode e : entries) {
            assertThat(e.path("attributes").path("profile").path("data").path("attributes").path("email").asText()).startsWith("bulk");
            JsonNode ev = e.path("attributes").path("events").path("data").get(0).path("attributes");
            assertThat(ev.path("properties").path("backfill").asBoolean()).isTrue();
            uniqueIds.add(ev.path("unique_id").asText());
        }
        assertThat(uniqueIds).hasSize(40);
        JsonNode profiles = got.get(1).json().path("data").path("attributes").path("profiles").path("data");
        assertThat(profiles).hasSize(40);
        assertThat(profiles.get(0).path("attributes").path("first_name").asText()).isEqualTo("Persona");
        assertThat(ws.api().get("/api/v1/destinations/" + dest).json().path("deliveries").path("delivered").asInt()).isEqualTo(80);
    }

    @Test
    void a429BlocksTheEndpointUntilRetryAfterAndA5xxIsRetried() {
        Ws ws = newWorkspace();
        long dest = destination(ws);
        AtomicInteger calls = new AtomicInteger();
        klaviyo.respond(r -> switch (calls.getAndIncrement()) {
            case 0 -> Receiver.Answer.of(429, "Retry-After", "30");
            case 1 -> Receiver.Answer.of(502);
            default -> Receiver.Answer.of(202);
        });
        ws.api().post("/api/v1/contacts", map("email", "r@example.com"));
        worker.drain();
        assertThat(klaviyo.requests()).hasSize(1);
        CLOCK.advance(Duration.ofSeconds(29));
        worker.drain();
        assertThat(klaviyo.requests()).as("nothing before Retry-After").hasSize(1);
        CLOCK.advance(Duration.ofSeconds(1));
        worker.drain();
        assertThat(klaviyo.requests()).hasSize(2);
        assertThat(Duration.between(klaviyo.requests().get(0).at(), klaviyo.requests().get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        CLOCK.advance(Duration.ofSeconds(10));
        worker.drain();
        List<Receiver.Request> got = klaviyo.requests();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(r -> r.json().path("data").path("attributes").path("unique_id").asText()).containsOnly(
                got.get(0).json().path("data").path("attributes").path("unique_id").asText());
        JsonNode d = ws.api().get("/api/v1/destinations/" + dest + "/deliveries").json().path("data").get(0);
        assertThat(d.path("status").asText()).isEqualTo("delivered");
        assertThat(d.path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void aRefusedPayloadIsDeadAtOnce() {
        Ws ws = newWorkspace();
        long dest = destination(ws);
        klaviyo.respond(r -> new Receiver.Answer(400, java.util.Map.of(), "{\"errors\":[{\"detail\":\"bad profile\"}]}", false, 0));
        ws.api().post("/api/v1/contacts", map("email", "s@example.com"));
        worker.drain();
        JsonNode d = ws.api().get("/api/v1/destinations/" + dest + "/deliveries").json().path("data").get(0);
        assertThat(d.path("status").asText()).isEqualTo("dead");
        assertThat(d.path("last_status").asInt()).isEqualTo(400);
        assertThat(d.path("last_response").asText()).contains("bad profile");
    }
}
