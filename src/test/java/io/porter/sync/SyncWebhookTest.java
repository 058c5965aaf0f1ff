package io.porter.sync;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestClock;
import io.porter.support.TestWorkspaces;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Signed webhooks over real HTTP to a local receiver: shape, signatures, order, retries, Retry-After, 410, dead letters, pause. */
@PorterTest
class SyncWebhookTest extends TestWorkspaces {

    static final TestClock CLOCK = TestClock.INSTANCE;
    /** porter.sync.backoff-max in the tests: moving the clock this far makes every retry due */
    static final Duration RETRY = Duration.ofSeconds(10);

    @Autowired
    SyncWorker worker;

    @Autowired
    OutboxRetention retention;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient db;

    final Receiver receiver = new Receiver(CLOCK);

    @AfterEach
    void close() {
        receiver.close();
    }

    record Hook(long id, String secret) {
    }

    Hook webhook(Ws ws, Object events) {
        Map<String, Object> body = map("kind", "webhook", "name", "hook", "url", receiver.url("/hooks"));
        if (events != null) {
            body.put("events", events);
        }
        Api.Response r = ws.api().post("/api/v1/destinations", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Hook(r.json().path("destination").path("id").asLong(), r.json().path("secret").asText());
    }

    static String contact(Ws ws, String email) {
        Api.Response r = ws.api().post("/api/v1/contacts", map("email", email, "name", "Ana Núñez"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    /** The Standard Webhooks check a receiver does, written here from the spec, not with Porter's code. */
    static boolean verifies(Receiver.Request r, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String signed = r.header("webhook-id") + "." + r.header("webhook-timestamp") + "." + r.body();
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            for (String sig : r.header("webhook-signature").split(" ")) {
                if (java.security.MessageDigest.isEqual(sig.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    List<JsonNode> deliveries(Ws ws, long destination) {
        JsonNode page = ws.api().get("/api/v1/destinations/" + destination + "/deliveries?per_page=100").json();
        List<JsonNode> out = new ArrayList<>();
        page.path("data").forEach(out::add);
        return out;
    }

    @Test
    void finishedEventsAndTheirLogAreDeletedAfterTheKeepingPeriodWhileOpenDeliveriesStay() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, List.of("contact.created"));
        String old = contact(ws, "old@example.com");
        worker.drain();
        receiver.respond(r -> Receiver.Answer.of(503));
        String stuck = contact(ws, "stuck@example.com");
        worker.drain();
        receiver.respond(r -> Receiver.Answer.of(200));
        // both are past the keeping period (porter.sync.keep-for, 30 days): one delivered, one still retrying
        db.sql("update domain_event set occurred_at = now() - interval '31 days' where workspace_id = ?").params(ws.id()).update();
        String recent = contact(ws, "recent@example.com");
        worker.drain();
        assertThat(deliveries(ws, hook.id())).hasSize(3);

        retention.purge(Instant.now().minus(Duration.ofDays(30)));

        List<JsonNode> log = deliveries(ws, hook.id());
        assertThat(log).extracting(d -> d.path("subject_id").asText()).containsExactly(recent, stuck);
        assertThat(log).extracting(d -> d.path("status").asText()).containsExactly("delivered", "retrying");
        // the events go, not what they were about
        assertThat(ws.api().get("/api/v1/contacts/" + old).status()).isEqualTo(200);
    }

    @Test
    void apiChangesArriveSignedInOrderWithTheEventIdAsWebhookId() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        assertThat(hook.secret()).startsWith("whsec_");
        String id = contact(ws, "ana@example.com");
        assertThat(ws.api().patch("/api/v1/contacts/" + id, map("city", "Madrid")).status()).isEqualTo(200);
        assertThat(ws.api().post("/api/v1/contacts/" + id + "/tags", map("name", "vip")).status()).isEqualTo(200);
        assertThat(ws.api().delete("/api/v1/contacts/" + id).status()).isEqualTo(204);

        worker.drain();

        List<Receiver.Request> got = receiver.requests();
        assertThat(got).extracting(r -> r.json().path("type").asText())
                .containsExactly("contact.created", "contact.updated", "contact.updated", "contact.deleted");
        for (Receiver.Request r : got) {
            assertThat(verifies(r, hook.secret())).as("signature of " + r.body()).isTrue();
            assertThat(verifies(r, Destinations.newWebhookSecret())).as("another secret does not verify").isFalse();
            assertThat(r.header("webhook-id")).isEqualTo("evt_" + r.json().path("data").path("event_id").asLong());
            assertThat(r.header("webhook-timestamp")).isEqualTo(Long.toString(CLOCK.instant().getEpochSecond()));
            assertThat(r.header("content-type")).isEqualTo("application/json");
            assertThat(r.json().path("data").path("contact_id").asText()).isEqualTo(id);
            assertThat(r.json().path("data").path("backfill").asBoolean()).isFalse();
        }
        assertThat(got).extracting(r -> r.json().path("data").path("event_id").asLong()).isSorted().doesNotHaveDuplicates();
        // sent after the deletion: the contact is gone, the deletion names who it was
        assertThat(got.get(3).json().path("data").path("email").asText()).isEqualTo("ana@example.com");
        assertThat(got.get(0).json().path("data").has("contact")).isTrue();
        List<JsonNode> log = deliveries(ws, hook.id());
        assertThat(log).hasSize(4).allSatisfy(d -> {
            assertThat(d.path("status").asText()).isEqualTo("delivered");
            assertThat(d.path("attempts").asInt()).isEqualTo(1);
            assertThat(d.path("last_status").asInt()).isEqualTo(202);
        });
    }

    @Test
    void aWorkspaceWithoutDestinationsQueuesNothingAndANewDestinationGetsWhatHappensAfterIt() {
        Ws ws = newWorkspace();
        contact(ws, "before@example.com");
        assertThat(db.sql("select count(*) from domain_event where workspace_id = ? and dispatched_at is null")
                .param(ws.id()).query(Integer.class).single()).as("nothing left for a fan-out to do").isZero();

        webhook(ws, null);
        String after = contact(ws, "after@example.com");
        worker.drain();

        assertThat(receiver.requests()).extracting(r -> r.json().path("data").path("contact_id").asText()).containsExactly(after);
    }

    @Test
    void contactPayloadIsTheContactAsTheApiShowsIt() {
        Ws ws = newWorkspace();
        webhook(ws, List.of("contact.created"));
        String id = contact(ws, "bea@example.com");
        assertThat(ws.api().patch("/api/v1/contacts/" + id, map("city", "Sevilla")).status()).isEqualTo(200);
        worker.drain();
        List<Receiver.Request> got = receiver.requests();
        assertThat(got).hasSize(1);
        JsonNode contact = got.get(0).json().path("data").path("contact");
        assertThat(contact.path("email").asText()).isEqualTo("bea@example.com");
        assertThat(contact.path("id").asText()).isEqualTo(id);
        assertThat(contact.has("first_name")).isTrue();
    }

    @Test
    void aContactsLaterEventWaitsWhileAnEarlierOneIsRetried() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        String a = contact(ws, "a@example.com");
        String b = contact(ws, "b@example.com");
        assertThat(ws.api().patch("/api/v1/contacts/" + a, map("city", "Lugo")).status()).isEqualTo(200);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        receiver.respond(r -> r.json().path("type").asText().equals("contact.created")
                && r.json().path("data").path("contact_id").asText().equals(a) && failuresLeft.getAndDecrement() > 0
                ? Receiver.Answer.of(500) : Receiver.Answer.of(204));

        worker.drain();
        // a's creation failed, so a's update was not sent; b is independent and went through
        assertThat(types(receiver.requests(), a)).containsExactly("contact.created");
        assertThat(types(receiver.requests(), b)).containsExactly("contact.created");

        CLOCK.advance(RETRY);
        worker.drain();
        CLOCK.advance(RETRY);
        worker.drain();
        assertThat(types(receiver.requests(), a)).containsExactly("contact.created", "contact.created", "contact.created", "contact.updated");
        List<Receiver.Request> forA = receiver.requests().stream().filter(r -> r.json().path("data").path("contact_id").asText().equals(a)).toList();
        // retries carry the same idempotency key
        assertThat(forA.subList(0, 3)).extracting(r -> r.header("webhook-id")).containsOnly(forA.get(0).header("webhook-id"));
        assertThat(deliveries(ws, hook.id())).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("delivered"))
                .anySatisfy(d -> assertThat(d.path("attempts").asInt()).isEqualTo(3));
    }

    static List<String> types(List<Receiver.Request> requests, String contactId) {
        return requests.stream().filter(r -> r.json().path("data").path("contact_id").asText().equals(contactId))
                .map(r -> r.json().path("type").asText()).toList();
    }

    @Test
    void nothingIsRetriedBeforeTheRetryAfterTheReceiverAsked() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(r -> calls.getAndIncrement() == 0 ? Receiver.Answer.of(429, "Retry-After", "120") : Receiver.Answer.of(200));
        contact(ws, "c@example.com");

        worker.drain();
        assertThat(receiver.requests()).hasSize(1);
        // the retry schedule alone (at most 10 s here) would already be due; Retry-After says 120 s
        CLOCK.advance(Duration.ofSeconds(119));
        worker.drain();
        assertThat(receiver.requests()).as("not retried before Retry-After").hasSize(1);
        CLOCK.advance(Duration.ofSeconds(1));
        worker.drain();
        List<Receiver.Request> got = receiver.requests();
        assertThat(got).hasSize(2);
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        JsonNode d = deliveries(ws, hook.id()).get(0);
        assertThat(d.path("status").asText()).isEqualTo("delivered");
        assertThat(d.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndIsRetried() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(r -> calls.getAndIncrement() == 0 ? Receiver.Answer.never() : Receiver.Answer.of(200));
        contact(ws, "d@example.com");

        worker.drain();
        JsonNode d = deliveries(ws, hook.id()).get(0);
        assertThat(d.path("status").asText()).isEqualTo("retrying");
        assertThat(d.path("last_response").asText()).contains("timed out");
        assertThat(d.path("last_status").isNull()).isTrue();

        CLOCK.advance(RETRY);
        worker.drain();
        assertThat(receiver.requests()).hasSize(2);
        assertThat(deliveries(ws, hook.id()).get(0).path("status").asText()).isEqualTo("delivered");
    }

    @Test
    void slowAnswersWithinTheTimeoutAreDeliveries() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        receiver.respond(r -> Receiver.Answer.slow(200, 300));
        for (int i = 0; i < 5; i++) {
            contact(ws, "slow" + i + "@example.com");
        }
        worker.drain();
        assertThat(receiver.requests()).hasSize(5);
        assertThat(deliveries(ws, hook.id())).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("delivered"));
    }

    @Test
    void gone410DisablesTheEndpointAndTellsTheWorkspaceAndResumeDeliversWhatWaited() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        receiver.respond(r -> Receiver.Answer.of(410));
        contact(ws, "e@example.com");
        worker.drain();
        JsonNode dest = ws.api().get("/api/v1/destinations/" + hook.id()).json();
        assertThat(dest.path("status").asText()).isEqualTo("disabled");
        assertThat(dest.path("status_reason").asText()).contains("410");
        assertThat(ws.api().get("/api/v1/notifications").body()).contains("sync.destination_disabled");

        contact(ws, "f@example.com");
        CLOCK.advance(RETRY);
        worker.drain();
        assertThat(receiver.requests()).as("nothing sent to a disabled endpoint").hasSize(1);

        receiver.respond(r -> Receiver.Answer.of(200));
        assertThat(ws.api().post("/api/v1/destinations/" + hook.id() + "/resume", map()).json().path("status").asText()).isEqualTo("active");
        worker.drain();
        assertThat(receiver.requests()).hasSize(3);
        assertThat(deliveries(ws, hook.id())).hasSize(2).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("delivered"));
    }

    @Test
    void afterTheRetryScheduleADeliveryIsDeadVisibleAndCanBeReplayed() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        receiver.respond(r -> Receiver.Answer.of(503));
        contact(ws, "g@example.com");
        contact(ws, "h@example.com");
        for (int i = 0; i < 4; i++) {
            worker.drain();
            CLOCK.advance(RETRY);
        }
        assertThat(receiver.requests()).hasSize(8);
        List<JsonNode> dead = deliveries(ws, hook.id());
        assertThat(dead).hasSize(2).allSatisfy(d -> {
            assertThat(d.path("status").asText()).isEqualTo("dead");
            assertThat(d.path("attempts").asInt()).isEqualTo(4);
            assertThat(d.path("last_status").asInt()).isEqualTo(503);
        });
        worker.drain();
        assertThat(receiver.requests()).as("dead deliveries are not retried").hasSize(8);
        assertThat(ws.api().get("/api/v1/destinations/" + hook.id() + "/deliveries?status=dead").json().path("total").asInt()).isEqualTo(2);

        receiver.respond(r -> Receiver.Answer.of(200));
        long first = dead.get(1).path("event_id").asLong();
        assertThat(ws.api().post("/api/v1/destinations/" + hook.id() + "/deliveries/" + first + "/replay", map()).status()).isEqualTo(202);
        worker.drain();
        assertThat(receiver.requests()).hasSize(9);
        assertThat(receiver.requests().get(8).header("webhook-id")).isEqualTo("evt_" + first);

        assertThat(ws.api().post("/api/v1/destinations/" + hook.id() + "/deliveries/replay-dead", map()).json().path("replayed").asInt()).isEqualTo(1);
        worker.drain();
        assertThat(receiver.requests()).hasSize(10);
        assertThat(deliveries(ws, hook.id())).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("delivered"));
    }

    @Test
    void aDestinationFailingForLongIsPausedAndTheWorkspaceIsTold() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        receiver.respond(r -> Receiver.Answer.of(500));
        contact(ws, "i@example.com");
        worker.drain();
        assertThat(ws.api().get("/api/v1/destinations/" + hook.id()).json().path("status").asText()).isEqualTo("active");
        // porter.sync.pause-after is 1 hour in the tests; new events keep failing past it
        CLOCK.advance(Duration.ofMinutes(61));
        contact(ws, "j@example.com");
        worker.drain();
        JsonNode dest = ws.api().get("/api/v1/destinations/" + hook.id()).json();
        assertThat(dest.path("status").asText()).isEqualTo("paused");
        assertThat(dest.path("status_reason").asText()).contains("failed since");
        assertThat(ws.api().get("/api/v1/notifications").body()).contains("sync.destination_paused");
        int before = receiver.requests().size();
        CLOCK.advance(RETRY);
        worker.drain();
        assertThat(receiver.requests()).as("a paused destination gets nothing").hasSize(before);

        receiver.respond(r -> Receiver.Answer.of(200));
        ws.api().post("/api/v1/destinations/" + hook.id() + "/resume", map());
        worker.drain();
        assertThat(deliveries(ws, hook.id())).hasSize(2).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("delivered"));
    }

    @Test
    void duringRotationBothSecretsSignAndAfterItOnlyTheNewOne() {
        Ws ws = newWorkspace();
        Hook hook = webhook(ws, null);
        Api.Response rotated = ws.api().post("/api/v1/destinations/" + hook.id() + "/rotate-secret", map());
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().path("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(hook.secret());
        assertThat(rotated.json().path("destination").path("secret_rotation_ends_at").isNull()).isFalse();
        assertThat(ws.api().get("/api/v1/destinations/" + hook.id()).body()).doesNotContain(fresh).doesNotContain(hook.secret());

        contact(ws, "k@example.com");
        worker.drain();
        Receiver.Request during = receiver.requests().get(0);
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(during, fresh)).isTrue();
        assertThat(verifies(during, hook.secret())).isTrue();

        CLOCK.advance(Duration.ofMinutes(61));
        contact(ws, "l@example.com");
        worker.drain();
        Receiver.Request after = receiver.requests().get(1);
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(verifies(after, fresh)).isTrue();
        assertThat(verifies(after, hook.secret())).isFalse();
    }

    @Test
    void importedContactsArriveMarkedAsBackfillWhenTheImportTriggersNoAutomations() {
        Ws ws = newWorkspace();
        webhook(ws, null);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 30; i++) {
            csv.append("imp").append(i).append("@example.com,Person ").append(i).append('\n');
        }
        long importId = importCsv(ws.api(), csv.toString(), false);
        worker.drain();
        List<Receiver.Request> got = receiver.requests();
        assertThat(got).filteredOn(r -> r.json().path("type").asText().equals("contact.created")).hasSize(30)
                .allSatisfy(r -> {
                    assertThat(r.json().path("data").path("backfill").asBoolean()).isTrue();
                    assertThat(r.json().path("data").path("import_id").asLong()).isEqualTo(importId);
                });
        assertThat(got).filteredOn(r -> r.json().path("type").asText().equals("import.completed")).hasSize(1)
                .allSatisfy(r -> assertThat(r.json().path("data").path("added").asInt()).isEqualTo(30));
        assertThat(got).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
    }

    /** Upload, plan with the suggested mapping, review, start, wait: an import over the API. */
    static long importCsv(Api api, String csv, boolean triggerAutomations) {
        Api.Response up = api.upload("/api/v1/imports", "contacts.csv", csv);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        long id = up.json().path("import").path("id").asLong();
        Map<String, Object> options = new HashMap<>(map("purpose", "add-and-update", "identifier", "email", "tags", List.of(),
                "import_tag", null, "default_country", "ES", "trigger_automations", triggerAutomations, "no_overwrite", false));
        Api.Response plan = api.put("/api/v1/imports/" + id + "/plan", map("options", options, "mapping", up.json().path("suggested_mapping")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(api.post("/api/v1/imports/" + id + "/review", map()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/imports/" + id + "/start", map()).status()).isEqualTo(202);
        api.awaitImport(id);
        return id;
    }

    @Test
    void destinationsBelongToTheirWorkspace() {
        Ws ws = newWorkspace();
        Ws other = newWorkspace();
        Hook hook = webhook(ws, null);
        String path = "/api/v1/destinations/" + hook.id();
        assertThat(other.api().get(path).status()).isEqualTo(404);
        assertThat(other.api().patch(path, map("name", "x")).status()).isEqualTo(404);
        assertThat(other.api().post(path + "/pause", map()).status()).isEqualTo(404);
        assertThat(other.api().post(path + "/rotate-secret", map()).status()).isEqualTo(404);
        assertThat(other.api().get(path + "/deliveries").status()).isEqualTo(404);
        assertThat(other.api().post(path + "/deliveries/replay-dead", map()).status()).isEqualTo(404);
        assertThat(other.api().delete(path).status()).isEqualTo(404);
        assertThat(other.api().get("/api/v1/destinations").json().path("data")).isEmpty();
        // another workspace's contacts never reach this destination
        contact(other, "other@example.com");
        worker.drain();
        assertThat(receiver.requests()).isEmpty();
        assertThat(ws.api().get(path).status()).isEqualTo(200);
    }

    @Test
    void settingsAreCheckedAndChangeable() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        assertThat(api.post("/api/v1/destinations", map("kind", "fax", "name", "x")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/destinations", map("kind", "webhook", "name", "x", "url", "ftp://example.com")).detail())
                .contains("not a web address");
        assertThat(api.post("/api/v1/destinations", map("kind", "webhook", "name", "x", "url", receiver.url("/h"),
                "events", List.of("contact.exploded"))).detail()).contains("not an event type");
        assertThat(api.post("/api/v1/destinations", map("kind", "klaviyo", "name", "k", "base_url", receiver.url(""))).detail())
                .contains("api_key");
        assertThat(api.post("/api/v1/destinations", map("kind", "klaviyo", "name", "k", "api_key", "pk_x", "base_url", receiver.url(""),
                "events", List.of("import.completed"))).detail()).contains("not sent to Klaviyo");

        Hook hook = webhook(ws, List.of("contact.created"));
        String path = "/api/v1/destinations/" + hook.id();
        JsonNode changed = api.patch(path, map("name", "CRM", "events", List.of("contact.*", "conversation.*"))).json();
        assertThat(changed.path("name").asText()).isEqualTo("CRM");
        assertThat(changed.path("events")).extracting(JsonNode::asText).containsExactly("contact.*", "conversation.*");
        assertThat(api.post(path + "/pause", map()).json().path("status").asText()).isEqualTo("paused");
        assertThat(api.post(path + "/resume", map()).json().path("status").asText()).isEqualTo("active");
        assertThat(api.get("/api/v1/destinations").json().path("data")).hasSize(1);
        assertThat(api.delete(path).status()).isEqualTo(204);
        assertThat(api.get(path).status()).isEqualTo(404);
    }

    @Test
    void workersRunningAtOnceNeverSendTheSameDeliveryTwice() throws Exception {
        Ws ws = newWorkspace();
        webhook(ws, null);
        receiver.respond(r -> Receiver.Answer.slow(200, 20));
        for (int i = 0; i < 60; i++) {
            contact(ws, "w" + i + "@example.com");
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(worker::drain));
            }
            for (java.util.concurrent.Future<Integer> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(receiver.requests()).hasSize(60);
        assertThat(receiver.requests()).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
    }

    @Test
    void deliveredNotSentTwiceAcrossRuns() {
        Ws ws = newWorkspace();
        webhook(ws, null);
        for (int i = 0; i < 25; i++) {
            contact(ws, "n" + i + "@example.com");
        }
        worker.drain();
        CLOCK.advance(RETRY);
        worker.drain();
        assertThat(receiver.requests()).hasSize(25);
        assertThat(receiver.requests()).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
        Instant sent = receiver.requests().get(0).at();
        assertThat(sent).isNotNull();
    }
}
