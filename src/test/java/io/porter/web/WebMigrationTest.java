package io.porter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.migration.Migrations;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.WebAccounts;
import io.porter.support.WebSession;
import io.porter.users.Role;
import io.porter.users.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Settings › Migrations over plain HTTP: the owner's way from upload to the full run, roles, workspaces, CSRF, errors. */
@PorterTest
class WebMigrationTest extends WebAccounts {

    @Autowired
    JdbcClient db;

    @Autowired
    Migrations migrations;

    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] zip(String fixture) {
        Path dir = Paths.get("src/test/resources/migration", fixture);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry("export/" + dir.relativize(f).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private WebSession signedIn(User u) {
        WebSession s = new WebSession(port);
        assertThat(s.signIn(u.email(), PASSWORD).status()).isEqualTo(302);
        return s;
    }

    private static long idAfter(WebSession.Page p, String prefix) {
        assertThat(p.status()).as(p.body()).isEqualTo(302);
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "(\\d+)").matcher(p.location());
        assertThat(m.find()).as(p.location()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Polls the run's progress endpoint (as the page's script does) until the run has ended. */
    private static JsonNode awaitEnd(WebSession s, long run) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            WebSession.Page p = s.get("/migrations/runs/" + run + "/progress", "application/json");
            assertThat(p.status()).isEqualTo(200);
            JsonNode j = JSON.readTree(p.body());
            if (!j.path("status").asText().equals("running")) {
                assertThat(j.path("status").asText()).as(p.body()).isEqualTo("completed");
                return j;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("run " + run + " did not end");
    }

    /** The page a redirect leads to (the flash attributes show once there). */
    private static WebSession.Page follow(WebSession s, WebSession.Page redirect) {
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        return s.get(java.net.URI.create(redirect.location()).getRawPath());
    }

    private long count(long ws, String table) {
        return db.sql("select count(*) from " + table + " where workspace_id = ?").param(ws).query(Long.class).single();
    }

    /** The cell of a totals row: the run page's table has one row per record type. */
    private static String total(String body, String type, String column) {
        Matcher m = Pattern.compile("<tr data-type=\"" + type + "\">.*?<td class=\"" + column + "\">(\\d+)</td>", Pattern.DOTALL).matcher(body);
        assertThat(m.find()).as("a totals row for " + type).isTrue();
        return m.group(1);
    }

    @Test
    void anOwnerGoesFromUploadThroughScanOptionsDemoAndReportToTheFullRun() throws Exception {
        Ws ws = newWorkspace();
        User owner = member(ws, Role.OWNER);
        WebSession s = signedIn(owner);
        assertThat(s.get("/contacts").body()).contains("href=\"/settings/migrations\"").contains("Settings › Migrations");
        WebSession.Page empty = s.get("/settings/migrations");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"no-migrations\"");

        // upload: a folder cannot be sent by a browser, the page says so and names the command; problems next to their field
        WebSession.Page form = s.get("/migrations/new");
        assertThat(form.body()).contains("<label for=\"source\"").contains("<label for=\"file\"").contains("cannot upload a folder")
                .contains("migrate --source intercom");
        String csrf = s.csrf("/migrations/new");
        WebSession.Page noSource = s.uploadWith("/migrations", "export.zip", zip("intercom"), csrf, Map.of("source", ""));
        assertThat(noSource.status()).isEqualTo(200);
        assertThat(noSource.body()).contains("id=\"source-error\"").contains("Choose where the export comes from");
        WebSession.Page notAZip = s.uploadWith("/migrations", "notes.txt", "hello".getBytes(StandardCharsets.UTF_8), csrf,
                Map.of("source", "intercom"));
        assertThat(notAZip.status()).isEqualTo(200);
        assertThat(notAZip.body()).contains("id=\"file-error\"").contains("Cannot read this intercom export");

        // the export's name is the user's text: escaped wherever it shows
        long id = idAfter(s.uploadWith("/migrations", "a<b>export.zip", zip("intercom"), csrf, Map.of("source", "intercom")), "/migrations/");

        // scan: the counts per record type
        WebSession.Page scan = s.get("/migrations/" + id);
        assertThat(scan.status()).isEqualTo(200);
        assertThat(scan.body()).contains("a&lt;b&gt;export.zip").doesNotContain("a<b>export.zip");
        assertThat(scan.body()).containsPattern("data-type=\"conversations\">\\s*<th scope=\"row\">Conversations</th>\\s*<td class=\"count\">2</td>")
                .containsPattern("data-type=\"contacts\">\\s*<th scope=\"row\">Contacts</th>\\s*<td class=\"count\">3</td>")
                .containsPattern("data-type=\"attachments\">\\s*<th scope=\"row\">Attachments</th>\\s*<td class=\"count\">3</td>");

        // options: every input labelled, the export's team shown with how it matches; a refusal next to its cause
        WebSession.Page options = s.get("/migrations/" + id + "/options");
        assertThat(options.status()).isEqualTo(200);
        for (String input : List.of("unmatched-create", "unmatched-fallback", "fallbackTeammate", "unassignedTeam", "translations", "phones-keep",
                "phones-reject", "maxAttachmentMb", "allowBlockedAttachments", "acknowledgeAttachmentRisk", "teams", "ticketTypes", "states", "fields")) {
            assertThat(options.body()).as(input).contains("<label for=\"" + input + "\"");
        }
        assertThat(options.body()).contains("id=\"team-matches\"").contains("New team, created by the run");
        String oc = s.csrf("/migrations/" + id + "/options");
        WebSession.Page risky = s.post("/migrations/" + id + "/options", List.of(Map.entry("_csrf", oc), Map.entry("unmatchedTeammates", "create"),
                Map.entry("invalidPhones", "keep"), Map.entry("maxAttachmentMb", "20"), Map.entry("allowBlockedAttachments", "true"),
                Map.entry("states", "pending waiting")));
        assertThat(risky.status()).isEqualTo(200);
        assertThat(risky.body()).contains("id=\"acknowledgeAttachmentRisk-error\"").contains("tick that you accept the risk")
                .contains("id=\"states-error\"").contains("Line 1");
        WebSession.Page unknownFallback = s.post("/migrations/" + id + "/options", List.of(Map.entry("_csrf", oc),
                Map.entry("unmatchedTeammates", "fallback"), Map.entry("fallbackTeammate", "nobody@example.com"), Map.entry("invalidPhones", "keep"),
                Map.entry("maxAttachmentMb", "20"), Map.entry("translations", "true")));
        assertThat(unknownFallback.status()).isEqualTo(200);
        assertThat(unknownFallback.body()).containsPattern("id=\"fallbackTeammate-error\"[^>]*>fallback_teammate: no teammate of this workspace");
        assertThat(migrations.sourceRow(ws.id(), id).options().allowBlockedAttachments()).as("nothing saved from a refused form").isFalse();
        WebSession.Page saved = s.post("/migrations/" + id + "/options", List.of(Map.entry("_csrf", oc), Map.entry("unmatchedTeammates", "create"),
                Map.entry("unassignedTeam", "Triage"), Map.entry("translations", "true"), Map.entry("invalidPhones", "keep"),
                Map.entry("maxAttachmentMb", "5"), Map.entry("teams", "Support = Helpers\n")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/migrations/" + id + "/runs");
        var o = migrations.sourceRow(ws.id(), id).options();
        assertThat(o.unassignedTeam()).isEqualTo("Triage");
        assertThat(o.maxAttachmentBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(o.teams()).isEqualTo(Map.of("Support", "Helpers"));
        assertThat(s.get("/migrations/" + id + "/options").body()).contains("Support = Helpers");

        // a delta before any full run is refused, next to its button
        String rc = s.csrf("/migrations/" + id + "/runs");
        assertThat(s.post("/migrations/" + id + "/delta", Map.of("_csrf", rc)).location()).endsWith("/migrations/" + id + "/runs");
        assertThat(s.get("/migrations/" + id + "/runs").body()).containsPattern("id=\"delta-error\"[^>]*>A delta brings what changed");

        // demo on one conversation, one ticket, one article: progress as JSON, then the report
        WebSession.Page badSize = s.post("/migrations/" + id + "/demo", Map.of("_csrf", rc, "demoSize", "0"));
        assertThat(follow(s, badSize).body()).contains("id=\"demo-error\"").contains("from 1 to 1000");
        long demo = idAfter(s.post("/migrations/" + id + "/demo", Map.of("_csrf", rc, "demoSize", "1")), "/migrations/runs/");
        JsonNode end = awaitEnd(s, demo);
        assertThat(end.path("percent").asInt()).isEqualTo(100);
        assertThat(end.path("status_text").asText()).isEqualTo("Completed");
        WebSession.Page report = s.get("/migrations/runs/" + demo);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("id=\"totals\"").contains("href=\"/migrations/runs/" + demo + "/report.csv\"");
        assertThat(total(report.body(), "conversation", "migrated")).isEqualTo("1");
        assertThat(total(report.body(), "ticket", "migrated")).isEqualTo("1");
        assertThat(count(ws.id(), "conversation")).isEqualTo(1);
        WebSession.Page csv = s.get("/migrations/runs/" + demo + "/report.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().replace("\uFEFF", "")).startsWith("Type,Source id,Porter id,Status,Reason,Children");

        // the demo's records deleted (confirmed), then the full run
        WebSession.Page unconfirmed = s.post("/migrations/" + id + "/delete-demo", Map.of("_csrf", rc));
        assertThat(follow(s, unconfirmed).body()).contains("id=\"delete-error\"");
        assertThat(count(ws.id(), "conversation")).isEqualTo(1);
        WebSession.Page deleted = s.post("/migrations/" + id + "/delete-demo", Map.of("_csrf", rc, "confirm", "true"));
        assertThat(follow(s, deleted).body()).contains("id=\"deleted\"").containsPattern("Conversations: 1");
        assertThat(count(ws.id(), "conversation")).isZero();

        long full = idAfter(s.post("/migrations/" + id + "/full", Map.of("_csrf", rc)), "/migrations/runs/");
        awaitEnd(s, full);
        WebSession.Page fullReport = s.get("/migrations/runs/" + full);
        assertThat(total(fullReport.body(), "conversation", "migrated")).isEqualTo("2");
        assertThat(total(fullReport.body(), "attachment", "skipped")).isEqualTo("1");
        assertThat(count(ws.id(), "conversation")).isEqualTo(2);
        assertThat(count(ws.id(), "ticket")).isEqualTo(1);
        assertThat(count(ws.id(), "contact")).isEqualTo(3);

        // history: the export with both runs and their reports
        WebSession.Page history = s.get("/settings/migrations");
        assertThat(history.body()).contains("data-run=\"" + demo + "\"").contains("data-run=\"" + full + "\"")
                .contains("/migrations/runs/" + full + "/report.csv").contains("a&lt;b&gt;export.zip");

        // a newer export: options carried over, and a delta now runs
        long newer = idAfter(s.uploadWith("/migrations", "newer.zip", zip("intercom"), s.csrf("/migrations/new"), Map.of("source", "intercom")),
                "/migrations/");
        assertThat(migrations.sourceRow(ws.id(), newer).options().unassignedTeam()).isEqualTo("Triage");
        long delta = idAfter(s.post("/migrations/" + newer + "/delta", Map.of("_csrf", s.csrf("/migrations/" + newer + "/runs"))),
                "/migrations/runs/");
        awaitEnd(s, delta);
        assertThat(count(ws.id(), "conversation")).isEqualTo(2);
    }

    @Test
    void anAgentIsRefusedEveryMigrationPage() {
        Ws ws = newWorkspace();
        User agent = member(ws, Role.AGENT);
        long id = ws.api().upload("/api/v1/migrations?source=intercom", "export.zip", zip("intercom"), Map.of()).json().path("id").asLong();
        WebSession s = signedIn(agent);
        assertThat(s.get("/contacts").body()).doesNotContain("/settings/migrations");
        for (String path : List.of("/settings/migrations", "/migrations/new", "/migrations/" + id, "/migrations/" + id + "/options",
                "/migrations/" + id + "/runs")) {
            assertThat(s.get(path).status()).as(path).isEqualTo(403);
        }
        String csrf = s.csrf("/contacts");
        assertThat(s.uploadWith("/migrations", "export.zip", zip("intercom"), csrf, Map.of("source", "intercom")).status()).isEqualTo(403);
        assertThat(s.post("/migrations/" + id + "/full", Map.of("_csrf", csrf)).status()).isEqualTo(403);
        assertThat(migrations.runs(ws.id(), null)).isEmpty();
        assertThat(migrations.sources(ws.id(), 10, 0)).hasSize(1);
    }

    @Test
    void anotherWorkspacesExportsAndRunsAreNotFound() throws Exception {
        Ws a = newWorkspace();
        Api api = a.api();
        long id = api.upload("/api/v1/migrations?source=intercom", "export.zip", zip("intercom"), Map.of()).json().path("id").asLong();
        long run = api.post("/api/v1/migrations/" + id + "/demo", Map.of("demo_size", 1)).json().path("id").asLong();
        Ws b = newWorkspace();
        User owner = member(b, Role.OWNER);
        WebSession s = signedIn(owner);
        for (String path : List.of("/migrations/" + id, "/migrations/" + id + "/options", "/migrations/" + id + "/runs",
                "/migrations/runs/" + run, "/migrations/runs/" + run + "/report.csv")) {
            assertThat(s.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(s.get("/migrations/runs/" + run + "/progress", "application/json").status()).isEqualTo(404);
        String csrf = s.csrf("/settings/migrations");
        for (String path : List.of("/migrations/" + id + "/full", "/migrations/" + id + "/demo", "/migrations/" + id + "/delete-demo",
                "/migrations/runs/" + run + "/restart")) {
            assertThat(s.post(path, Map.of("_csrf", csrf, "demoSize", "1", "confirm", "true")).status()).as(path).isEqualTo(404);
        }
        assertThat(s.get("/settings/migrations").body()).doesNotContain("data-export=\"" + id + "\"");
        assertThat(migrations.runs(b.id(), null)).isEmpty();
        assertThat(migrations.runs(a.id(), null)).hasSize(1);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        Ws ws = newWorkspace();
        User owner = member(ws, Role.OWNER);
        WebSession s = signedIn(owner);
        assertThat(s.uploadWith("/migrations", "export.zip", zip("intercom"), null, Map.of("source", "intercom")).status()).isEqualTo(403);
        assertThat(migrations.sources(ws.id(), 10, 0)).isEmpty();
        long id = idAfter(s.uploadWith("/migrations", "export.zip", zip("intercom"), s.csrf("/migrations/new"), Map.of("source", "intercom")),
                "/migrations/");
        assertThat(s.post("/migrations/" + id + "/demo", Map.of("demoSize", "1")).status()).isEqualTo(403);
        assertThat(s.post("/migrations/" + id + "/full", Map.of()).status()).isEqualTo(403);
        assertThat(s.post("/migrations/" + id + "/options", Map.of("unassignedTeam", "X", "maxAttachmentMb", "1")).status()).isEqualTo(403);
        assertThat(s.post("/migrations/" + id + "/delete-demo", Map.of("confirm", "true")).status()).isEqualTo(403);
        assertThat(migrations.runs(ws.id(), null)).isEmpty();
        assertThat(migrations.sourceRow(ws.id(), id).options().unassignedTeam()).isNull();
    }

    @Test
    void thePagesSpeakSpanish() {
        Ws ws = newWorkspace();
        User owner = member(ws, Role.OWNER);
        WebSession s = signedIn(owner);
        WebSession.Page es = s.get("/migrations/new?lang=es");
        assertThat(es.body()).contains("Migrar desde otro servicio de atención").contains("Un navegador no puede subir una carpeta")
                .contains("Ajustes › Migraciones");
        long id = idAfter(s.uploadWith("/migrations", "export.zip", zip("zendesk"), s.csrf("/migrations/new"), Map.of("source", "zendesk")),
                "/migrations/");
        assertThat(s.get("/migrations/" + id).body()).contains("Conversaciones").contains("Qué contiene la exportación");
        assertThat(s.get("/migrations/" + id + "/options").body()).contains("Acepto el riesgo".toLowerCase()).contains("Opciones de la migración");
        // what the migration engine refuses is said in Spanish too, next to its field
        WebSession.Page unknownFallback = s.post("/migrations/" + id + "/options", List.of(
                Map.entry("_csrf", s.csrf("/migrations/" + id + "/options")), Map.entry("unmatchedTeammates", "fallback"),
                Map.entry("fallbackTeammate", "nadie@example.com"), Map.entry("invalidPhones", "keep"), Map.entry("maxAttachmentMb", "20")));
        assertThat(unknownFallback.status()).isEqualTo(200);
        assertThat(unknownFallback.body()).containsPattern(
                "id=\"fallbackTeammate-error\"[^>]*>fallback_teammate: ningún compañero de este espacio de trabajo tiene el email nadie@example.com");
    }
}
