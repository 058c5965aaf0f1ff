package io.porter.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
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
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Migrations through the API as a user runs them, on the hand-made exports in src/test/resources/migration. */
@PorterTest
class MigrationApiTest extends TestWorkspaces {

    @Autowired
    JdbcClient db;

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        return Paths.get("src/test/resources/migration", name);
    }

    static byte[] zip(Path dir) {
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

    static long upload(Api api, String source, Path dir) {
        Api.Response r = api.upload("/api/v1/migrations?source=" + source, "export.zip", zip(dir), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    static JsonNode awaitRun(Api api, Api.Response started) {
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long run = started.json().path("id").asLong();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            JsonNode j = api.get("/api/v1/migrations/runs/" + run).json();
            String status = j.path("status").asText();
            if (!status.equals("running")) {
                assertThat(status).as(j.toString()).isEqualTo("completed");
                return j;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("run " + run + " did not end");
    }

    long count(long ws, String table) {
        return db.sql("select count(*) from " + table + " where workspace_id = ?").param(ws).query(Long.class).single();
    }

    List<String> report(Api api, long run) {
        Api.Response r = api.get("/api/v1/migrations/runs/" + run + "/report.csv");
        assertThat(r.status()).isEqualTo(200);
        return List.of(r.body().replace("\uFEFF", "").split("\r\n"));
    }

    @Test
    void scanCountsEveryRecordTypeOfAnIntercomExport() {
        Ws ws = newWorkspace();
        long id = upload(ws.api(), "intercom", fixture("intercom"));
        JsonNode counts = ws.api().get("/api/v1/migrations/" + id).json().path("counts");
        assertThat(counts.path("teammates").asInt()).isEqualTo(2);
        assertThat(counts.path("teams").asInt()).isEqualTo(1);
        assertThat(counts.path("companies").asInt()).isEqualTo(1);
        assertThat(counts.path("contacts").asInt()).isEqualTo(3);
        assertThat(counts.path("conversations").asInt()).isEqualTo(2);
        // the first message of each conversation is a part too
        assertThat(counts.path("conversation_parts").asInt()).isEqualTo(7);
        assertThat(counts.path("tickets").asInt()).isEqualTo(1);
        assertThat(counts.path("ticket_parts").asInt()).isEqualTo(3);
        assertThat(counts.path("attachments").asInt()).isEqualTo(3);
        assertThat(counts.path("articles").asInt()).isEqualTo(3);
        assertThat(counts.path("translations").asInt()).isEqualTo(4);
    }

    @Test
    void demoThenFullUpdatesInPlaceWithFaithfulHistory() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long id = upload(api, "intercom", fixture("intercom"));
        JsonNode demo = awaitRun(api, api.post("/api/v1/migrations/" + id + "/demo", Map.of("demo_size", 1)));
        assertThat(count(ws.id(), "conversation")).isEqualTo(1);
        assertThat(count(ws.id(), "ticket")).isEqualTo(1);
        assertThat(count(ws.id(), "kb_article")).isEqualTo(1);
        // the sample's contacts only: Carla (conversation) and Eve (ticket)
        assertThat(count(ws.id(), "contact")).isEqualTo(2);
        assertThat(demo.path("totals").path("conversation").path("migrated").asInt()).isEqualTo(1);

        JsonNode full = awaitRun(api, api.post("/api/v1/migrations/" + id + "/full", null));
        assertThat(count(ws.id(), "conversation")).isEqualTo(2);
        assertThat(count(ws.id(), "ticket")).isEqualTo(1);
        assertThat(count(ws.id(), "contact")).isEqualTo(3);
        assertThat(count(ws.id(), "conversation_part")).isEqualTo(7);
        assertThat(count(ws.id(), "ticket_part")).isEqualTo(3);
        assertThat(count(ws.id(), "kb_article")).isEqualTo(3);
        assertThat(full.path("totals").path("conversation").path("migrated").asInt()).isEqualTo(2);
        assertThat(full.path("totals").path("attachment").path("skipped").asInt()).isEqualTo(1);

        // parts in order with their times, authors, and the private note kept private
        List<Map<String, Object>> parts = db.sql("""
                select p.position, p.part_type, p.author_type, u.email, extract(epoch from p.created_at)::bigint t
                from conversation_part p join conversation c on c.workspace_id = p.workspace_id and c.id = p.conversation_id
                left join app_user u on u.id = p.author_user_id
                where p.workspace_id = ? and c.title = 'Refund please' order by p.position""").param(ws.id()).query().listOfRows();
        assertThat(parts).extracting(r -> r.get("part_type")).containsExactly("comment", "comment", "note", "comment", "close");
        assertThat(parts).extracting(r -> ((Number) r.get("t")).longValue()).containsExactly(1600100000L, 1600100100L, 1600100200L, 1600100300L, 1600200000L);
        assertThat(parts.get(0).get("author_type")).isEqualTo("contact");
        assertThat(parts.get(2).get("email")).isEqualTo("ana@example.com");
        Map<String, Object> conv = db.sql("""
                select extract(epoch from created_at)::bigint c, extract(epoch from updated_at)::bigint u, state, priority, parts_count
                from conversation where workspace_id = ? and title = 'Refund please'""").param(ws.id()).query().singleRow();
        assertThat(conv).containsEntry("c", 1600100000L).containsEntry("u", 1600200000L).containsEntry("state", "closed")
                .containsEntry("priority", true).containsEntry("parts_count", 5);

        // teammates with no Porter teammate of their email: created inactive, without a password
        assertThat(db.sql("""
                select count(*) from workspace_member m join app_user u on u.id = m.user_id
                where m.workspace_id = ? and not m.active and u.password_hash is null""").param(ws.id()).query(Long.class).single()).isEqualTo(2);
        // an invalid phone is kept as entered, never blocking the contact
        Map<String, Object> dan = db.sql("select phone, custom_attributes->>'phone_as_entered' raw from contact where workspace_id = ? and email_key = 'dan@example.com'")
                .param(ws.id()).query().singleRow();
        assertThat(dan.get("phone")).isNull();
        assertThat(dan.get("raw")).isEqualTo("call me maybe");
        assertThat(db.sql("select phone from contact where workspace_id = ? and email_key = 'carla@example.com'").param(ws.id())
                .query(String.class).single()).isEqualTo("+34612345678");
        // the unassigned ticket stays unassigned, its number kept
        Map<String, Object> ticket = db.sql("select ticket_number, assignee_user_id, team_id, state from ticket where workspace_id = ?")
                .param(ws.id()).query().singleRow();
        assertThat(ticket).containsEntry("ticket_number", 42L).containsEntry("assignee_user_id", null).containsEntry("team_id", null)
                .containsEntry("state", "waiting_on_customer");
        // the knowledge base: an article under its collection and one with no parent go to default places
        assertThat(db.sql("""
                select a.id from kb_article a join kb_folder f on f.workspace_id = a.workspace_id and f.id = a.folder_id
                join kb_category c on c.workspace_id = f.workspace_id and c.id = f.category_id
                where a.workspace_id = ? and f.name = 'Default source folder' and c.name = 'Getting started'""").param(ws.id()).query().listOfRows()).hasSize(1);
        assertThat(db.sql("""
                select a.id from kb_article a join kb_folder f on f.workspace_id = a.workspace_id and f.id = a.folder_id
                join kb_category c on c.workspace_id = f.workspace_id and c.id = f.category_id
                where a.workspace_id = ? and f.name = 'Default source folder' and c.name = 'Default source category'""").param(ws.id()).query().listOfRows()).hasSize(1);
        assertThat(count(ws.id(), "kb_article_translation")).isEqualTo(4);
        assertThat(count(ws.id(), "attachment")).isEqualTo(2);
        // no per-record events; one migration.completed per run, marked backfill
        assertThat(db.sql("select count(*) from domain_event where workspace_id = ? and type = 'migration.completed' and payload->>'backfill' = 'true'")
                .param(ws.id()).query(Long.class).single()).isEqualTo(2);

        List<String> report = report(api, full.path("id").asLong());
        assertThat(report.get(0)).isEqualTo("Type,Source id,Porter id,Status,Reason,Children");
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("conversation,9001,").contains(",migrated,").contains("parts=5; attachments=1"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("attachment,5002/tool.exe,,skipped,blocked file type (its name ends in .exe)"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("contact,u-2,").contains("kept as entered"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("article,a-2,").contains("Default source folder"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("article,a-3,").contains("no parent"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("article,a-1,").contains("translations=2"));
        // one line per record of the reported types
        assertThat(report).hasSize(1 + 2 + 1 + 1 + 3 + 2 + 1 + 3 + 1 + 1 + 3);
    }

    @Test
    void demoRecordsCanBeDeletedBeforeTheFullRun() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long id = upload(api, "intercom", fixture("intercom"));
        awaitRun(api, api.post("/api/v1/migrations/" + id + "/demo", Map.of("demo_size", 1)));
        assertThat(count(ws.id(), "conversation")).isEqualTo(1);
        Api.Response deleted = api.delete("/api/v1/migrations/demo-records?source=intercom");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(count(ws.id(), "conversation")).isZero();
        assertThat(count(ws.id(), "contact")).isZero();
        assertThat(count(ws.id(), "kb_article")).isZero();
        assertThat(db.sql("select count(*) from migration_id_map where workspace_id = ?").param(ws.id()).query(Long.class).single()).isZero();
        awaitRun(api, api.post("/api/v1/migrations/" + id + "/full", null));
        assertThat(count(ws.id(), "conversation")).isEqualTo(2);
        assertThat(count(ws.id(), "contact")).isEqualTo(3);
    }

    @Test
    void deltaTakesOnlyWhatChangedSinceTheLastRun() throws IOException {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long id = upload(api, "intercom", fixture("intercom"));
        awaitRun(api, api.post("/api/v1/migrations/" + id + "/full", null));

        Path changed = tmp.resolve("delta");
        try (Stream<Path> files = Files.walk(fixture("intercom"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = changed.resolve(fixture("intercom").relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        Path convs = changed.resolve("conversations.json");
        String text = Files.readString(convs, StandardCharsets.UTF_8)
                .replace("\"updated_at\": 1600300500", "\"updated_at\": 1700000000")
                .replace("{\"type\": \"conversation_part\", \"id\": \"5005\"", "{\"type\": \"conversation_part\", \"id\": \"5006\", \"part_type\": \"comment\", "
                        + "\"body\": \"<p>Later</p>\", \"created_at\": 1699999999, \"author\": {\"type\": \"lead\", \"id\": \"u-2\"}, \"attachments\": []},\n"
                        + "    {\"type\": \"conversation_part\", \"id\": \"5005\"");
        Files.writeString(convs, text, StandardCharsets.UTF_8);
        long second = upload(api, "intercom", changed);
        JsonNode delta = awaitRun(api, api.post("/api/v1/migrations/" + second + "/delta", null));

        assertThat(count(ws.id(), "conversation")).isEqualTo(2);
        assertThat(count(ws.id(), "conversation_part")).isEqualTo(8);
        List<String> report = report(api, delta.path("id").asLong());
        // teammates and teams carry no updated_at in an Intercom export: every delta applies them again, in place
        assertThat(report.subList(1, report.size()).stream().filter(l -> !l.startsWith("teammate,") && !l.startsWith("team,")))
                .singleElement().satisfies(l -> assertThat(l).startsWith("conversation,9002,"));
        // the new part goes last in its conversation
        assertThat(db.sql("""
                select p.body_html from conversation_part p join conversation c on c.workspace_id = p.workspace_id and c.id = p.conversation_id
                where p.workspace_id = ? and c.title is null order by p.position desc limit 1""").param(ws.id()).query(String.class).single())
                .isEqualTo("<p>Later</p>");
    }

    @Test
    void zendeskExportWithCommentsNotesAndHelpCenter() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long id = upload(api, "zendesk", fixture("zendesk"));
        JsonNode counts = api.get("/api/v1/migrations/" + id).json().path("counts");
        assertThat(counts.path("contacts").asInt()).isEqualTo(2);
        assertThat(counts.path("teammates").asInt()).isEqualTo(1);
        assertThat(counts.path("tickets").asInt()).isEqualTo(2);
        assertThat(counts.path("ticket_parts").asInt()).isEqualTo(5);
        assertThat(counts.path("translations").asInt()).isEqualTo(3);
        Api.Response opts = api.put("/api/v1/migrations/" + id + "/options", Map.of("unassigned_team", "Triage", "invalid_phones", "reject"));
        assertThat(opts.status()).as(opts.toString()).isEqualTo(200);
        JsonNode run = awaitRun(api, api.post("/api/v1/migrations/" + id + "/full", null));

        assertThat(run.path("totals").path("contact").path("failed").asInt()).as("the invalid phone is rejected").isEqualTo(1);
        assertThat(db.sql("""
                select string_agg(p.part_type || ':' || p.author_type, ',' order by p.position) from ticket_part p
                join ticket t on t.workspace_id = p.workspace_id and t.id = p.ticket_id where p.workspace_id = ? and t.ticket_number = 1001""")
                .param(ws.id()).query(String.class).single()).isEqualTo("comment:contact,note:teammate,comment:teammate");
        assertThat(db.sql("select tm.name from ticket t join team tm on tm.workspace_id = t.workspace_id and tm.id = t.team_id where t.workspace_id = ? and t.ticket_number = 1002")
                .param(ws.id()).query(String.class).single()).as("the unassigned ticket goes to the chosen team").isEqualTo("Triage");
        assertThat(db.sql("select state from ticket where workspace_id = ? and ticket_number = 1002").param(ws.id()).query(String.class).single()).isEqualTo("resolved");
        assertThat(count(ws.id(), "team_member")).isEqualTo(1);
        assertThat(count(ws.id(), "kb_article_translation")).isEqualTo(3);
        List<String> report = report(api, run.path("id").asLong());
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("attachment,802,,skipped,blocked"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("article,61,").contains("Default source folder"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("contact,3,,failed,"));
    }

    @Test
    void freshdeskTicketsWithTheirConversations() {
        Ws ws = newWorkspace();
        Api api = ws.api();
        long id = upload(api, "freshdesk", fixture("freshdesk"));
        awaitRun(api, api.post("/api/v1/migrations/" + id + "/full", null));
        assertThat(db.sql("""
                select string_agg(p.part_type || ':' || p.author_type, ',' order by p.position) from ticket_part p where p.workspace_id = ?""")
                .param(ws.id()).query(String.class).single()).isEqualTo("comment:contact,comment:teammate,note:teammate,comment:contact");
        assertThat(db.sql("select state from ticket where workspace_id = ?").param(ws.id()).query(String.class).single()).isEqualTo("waiting_on_customer");
    }

    @Test
    void migratedBodiesAreSanitisedLikeTheApisBeforeAnyPageShowsThem() throws IOException {
        Ws ws = newWorkspace();
        Api api = ws.api();
        Path dir = Files.createTempDirectory("freshdesk-xss");
        try (Stream<Path> files = Files.list(fixture("freshdesk"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f).replace("<div>We are on it</div>",
                        "<div onclick=\\\"steal()\\\">We are <b>on</b> it<script>steal()</script><img src=x onerror=steal()></div>");
                Files.writeString(dir.resolve(f.getFileName()), text);
            }
        }
        long id = upload(api, "freshdesk", dir);
        awaitRun(api, api.post("/api/v1/migrations/" + id + "/full", null));
        String body = db.sql("select body_html from ticket_part where workspace_id = ? and position = 2").param(ws.id())
                .query(String.class).single();
        assertThat(body).contains("We are <b>on</b> it").doesNotContain("script").doesNotContain("onerror")
                .doesNotContain("onclick").doesNotContain("steal");
    }

    @Test
    void anotherWorkspaceSeesNothing() {
        Ws ws = newWorkspace();
        Ws other = newWorkspace();
        long id = upload(ws.api(), "intercom", fixture("intercom"));
        JsonNode run = awaitRun(ws.api(), ws.api().post("/api/v1/migrations/" + id + "/demo", null));
        long runId = run.path("id").asLong();
        assertThat(other.api().get("/api/v1/migrations/" + id).status()).isEqualTo(404);
        assertThat(other.api().get("/api/v1/migrations/runs/" + runId).status()).isEqualTo(404);
        assertThat(other.api().get("/api/v1/migrations/runs/" + runId + "/report.csv").status()).isEqualTo(404);
        assertThat(other.api().post("/api/v1/migrations/" + id + "/full", null).status()).isEqualTo(404);
        assertThat(other.api().get("/api/v1/migrations").json().path("data")).isEmpty();
    }

    @Test
    void blockedAttachmentsNeedAnAcknowledgedRisk() {
        Ws ws = newWorkspace();
        long id = upload(ws.api(), "intercom", fixture("intercom"));
        Api.Response r = ws.api().put("/api/v1/migrations/" + id + "/options", Map.of("allow_blocked_attachments", true));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.detail()).contains("acknowledge_attachment_risk");
    }
}
