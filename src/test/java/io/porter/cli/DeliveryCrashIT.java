package io.porter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.porter.support.Api;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Porter killed (kill -9) while delivering a backlog to a slow webhook, then started again: every event arrives at
 * least once, and each contact's events arrive in order.
 */
class DeliveryCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONTACTS = 300;

    @TempDir
    Path dataDir;

    record Received(long eventId, String contactId, String type) {
    }

    @Test
    void killedMidDeliveryAndRestartedEveryEventStillArrivesInOrderPerContact() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        receiver.createContext("/", x -> {
            JsonNode body = JSON.readTree(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String id = x.getRequestHeaders().getFirst("webhook-id");
            // slowly: the kill lands while deliveries are in flight
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            received.add(new Received(Long.parseLong(id.substring(4)), body.path("data").path("contact_id").asText(null),
                    body.path("type").asText()));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(32));
        receiver.start();
        int port = PorterProcess.freePort();
        Map<String, String> env = Map.of("SPRING_APPLICATION_JSON",
                "{\"porter.sync.allow-private-targets\":true,\"porter.sync.batch-size\":25,\"porter.sync.poll-interval\":\"PT0.1S\"}");
        long destination;
        int expected;
        Api api;
        try (PorterProcess first = PorterProcess.start(dataDir, env, "serve", "--port", Integer.toString(port))) {
            first.awaitLine(l -> l.equals("Porter is running at http://localhost:" + port + "/"));
            String line = first.awaitLine(l -> l.startsWith("API token"));
            api = new Api(port, line.substring(line.lastIndexOf(' ') + 1));
            Api.Response created = api.post("/api/v1/destinations", Api.map("kind", "webhook", "name", "slow receiver",
                    "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            destination = created.json().path("destination").path("id").asLong();
            StringBuilder csv = new StringBuilder("email,name\n");
            for (int i = 0; i < CONTACTS; i++) {
                csv.append("p").append(i).append("@example.com,Person ").append(i).append('\n');
            }
            importCsv(api, csv.toString());
            importCsv(api, csv.toString().replace("Person", "Persona"));
            // created and updated per contact, and two import.completed
            expected = 2 * CONTACTS + 2;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (received.size() < 100 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThat(received.size()).as("deliveries started").isGreaterThanOrEqualTo(100).isLessThan(expected);
            first.process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        int beforeRestart = received.size();
        try (PorterProcess again = PorterProcess.start(dataDir, env, "serve", "--port", Integer.toString(port))) {
            again.awaitLine(l -> l.equals("Porter is running at http://localhost:" + port + "/"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            JsonNode counts = null;
            while (System.nanoTime() < deadline) {
                counts = api.get("/api/v1/destinations/" + destination).json().path("deliveries");
                if (counts.path("delivered").asInt() == expected) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertThat(counts.path("delivered").asInt()).as("all delivered after the restart: " + counts).isEqualTo(expected);
        } finally {
            receiver.stop(0);
            stopEmbeddedPostgres(dataDir.resolve("postgres"));
        }
        assertThat(received.size()).as("some deliveries happened after the restart").isGreaterThan(beforeRestart);
        Set<Long> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.eventId()));
        assertThat(ids).as("every event id arrived at least once").hasSize(expected);
        Map<String, List<Received>> perContact = new HashMap<>();
        for (Received r : received) {
            if (r.contactId() != null) {
                perContact.computeIfAbsent(r.contactId(), k -> new ArrayList<>()).add(r);
            }
        }
        assertThat(perContact).hasSize(CONTACTS);
        perContact.forEach((contact, events) -> {
            assertThat(events).as("order for " + contact).extracting(Received::eventId).isSorted();
            assertThat(events.get(0).type()).isEqualTo("contact.created");
            assertThat(events.get(events.size() - 1).type()).isEqualTo("contact.updated");
        });
    }

    private static void importCsv(Api api, String csv) {
        Api.Response up = api.upload("/api/v1/imports", "contacts.csv", csv);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        long id = up.json().path("import").path("id").asLong();
        Map<String, Object> options = new HashMap<>(Api.map("purpose", "add-and-update", "identifier", "email", "tags", List.of(),
                "import_tag", null, "default_country", "ES", "trigger_automations", false, "no_overwrite", false));
        Api.Response plan = api.put("/api/v1/imports/" + id + "/plan", Api.map("options", options, "mapping", up.json().path("suggested_mapping")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(api.post("/api/v1/imports/" + id + "/review", Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/imports/" + id + "/start", Map.of()).status()).isEqualTo(202);
        api.awaitImport(id);
    }

    /** The first Porter was killed, so the second attached to its PostgreSQL and does not own it: stop it here. */
    private static void stopEmbeddedPostgres(Path pgData) throws Exception {
        Path pid = pgData.resolve("postmaster.pid");
        if (Files.isRegularFile(pid)) {
            long p = Long.parseLong(Files.readAllLines(pid).get(0).trim());
            ProcessHandle.of(p).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(60, TimeUnit.SECONDS).join();
            });
        }
    }
}
