package io.porter.migration;

import static io.porter.support.JarProcess.connect;
import static io.porter.support.JarProcess.scalar;
import static io.porter.support.JarProcess.stopEmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import io.porter.support.JarProcess;
import io.porter.support.JarProcess.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration killed with {@code kill -9} after some chunks of its conversations have committed, then finished with
 * {@code migrate --resume}, ends as if it had never been interrupted: every record of the export in Porter once (the
 * id map and the tables hold exactly the export's counts), every conversation's parts whole and in order, the run's
 * totals and its report complete with one line per record. It runs the packaged jar on its embedded PostgreSQL, as a
 * user does.
 */
class MigrationCrashIT {

    private static final long TIMEOUT_SECONDS = 300;
    private static final int ADMINS = 20;
    private static final int TEAMS = 2;
    private static final int CONTACTS = 1_500;
    private static final int CONVERSATIONS = 3_000;
    /** Per conversation: its first message and five replies or notes. */
    private static final int PARTS = 6;
    private static final int TICKETS = 600;
    private static final int TICKET_PARTS = 3;
    /** Small chunks, so the conversations stage has many and the kill lands between its first and its last. */
    private static final Map<String, String> ENV = Map.of("PORTER_MIGRATIONS_CHUNK_SIZE", "50");
    private static final long BASE = 1_600_000_000L;

    @TempDir
    Path dir;

    @Test
    void aMigrationKilledMidwayResumesToTheSameOutcome() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path export = dir.resolve("intercom-export");
        writeExport(export);
        Path report = dir.resolve("report.csv");
        try {
            Process migrating = start(data, "migrate", "--source", "intercom", export.toString(), "--report", dir.resolve("unused.csv").toString());
            Output out = new Output(migrating);
            long run = Long.parseLong(out.await(Pattern.compile("run: (\\d+)")).group(1));
            try (Connection db = connect(data)) {
                awaitSomeConversationChunksCommitted(db, run, migrating);
                migrating.destroyForcibly();
                assertThat(migrating.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
                Map<String, Object> killed = run(db, run);
                assertThat(killed.get("status")).as("left running by the killed process").isEqualTo("running");
                assertThat(scalar(db, "select count(*) from conversation")).as("some conversations, not all, before the resume")
                        .isBetween(1L, CONVERSATIONS - 1L);

                Output resumed = run(data, "migrate", "--resume", Long.toString(run), "--report", report.toString());
                assertThat(resumed.lines()).as(resumed.text()).contains("status: completed",
                        "conversation: migrated " + CONVERSATIONS + ", failed 0, skipped 0",
                        "contact: migrated " + CONTACTS + ", failed 0, skipped 0",
                        "ticket: migrated " + TICKETS + ", failed 0, skipped 0");
                assertThat(run(db, run).get("status")).isEqualTo("completed");

                // nothing duplicated, nothing lost: the tables and the id map hold exactly what the export holds
                assertThat(scalar(db, "select count(*) from contact")).isEqualTo(CONTACTS);
                assertThat(scalar(db, "select count(distinct email_key) from contact")).isEqualTo(CONTACTS);
                assertThat(scalar(db, "select count(*) from conversation")).isEqualTo(CONVERSATIONS);
                assertThat(scalar(db, "select count(*) from conversation_part")).isEqualTo((long) CONVERSATIONS * PARTS);
                assertThat(scalar(db, "select count(*) from ticket")).isEqualTo(TICKETS);
                assertThat(scalar(db, "select count(*) from ticket_part")).isEqualTo((long) TICKETS * TICKET_PARTS);
                assertThat(scalar(db, "select count(*) from team")).isEqualTo(TEAMS);
                Map<String, Long> idMap = counts(db, "select record_type, count(*) from migration_id_map group by 1");
                assertThat(idMap).containsEntry("teammate", (long) ADMINS).containsEntry("team", (long) TEAMS)
                        .containsEntry("contact", (long) CONTACTS).containsEntry("conversation", (long) CONVERSATIONS)
                        .containsEntry("ticket", (long) TICKETS);
                assertThat(scalar(db, "select count(*) from migration_id_map m where m.record_type = 'conversation' and not exists "
                        + "(select 1 from conversation c where c.workspace_id = m.workspace_id and c.id = m.porter_id)"))
                        .as("every mapped conversation exists").isZero();
                assertThat(scalar(db, "select count(*) from migration_id_map m where m.record_type = 'contact' and not exists "
                        + "(select 1 from contact c where c.workspace_id = m.workspace_id and c.id = m.porter_uuid)"))
                        .as("every mapped contact exists").isZero();

                // every conversation's parts whole and in order: positions without gaps, times rising, the bodies' order kept
                assertThat(scalar(db, "select count(*) from (select conversation_id, count(*) n, count(distinct position) d, "
                        + "max(position) - min(position) span from conversation_part group by 1) x where n <> " + PARTS + " or d <> " + PARTS
                        + " or span <> " + (PARTS - 1))).as("conversations with missing, doubled or scattered parts").isZero();
                assertThat(scalar(db, "select count(*) from conversation_part p join conversation_part q on q.workspace_id = p.workspace_id "
                        + "and q.conversation_id = p.conversation_id and q.position > p.position where q.created_at <= p.created_at"))
                        .as("parts out of time order").isZero();
                assertThat(scalar(db, "select count(*) from conversation_part p join conversation c on c.workspace_id = p.workspace_id "
                        + "and c.id = p.conversation_id where p.position > (select min(position) from conversation_part f "
                        + "where f.workspace_id = p.workspace_id and f.conversation_id = p.conversation_id) "
                        + "and p.body_html not like '%Reply ' || (p.position - (select min(position) from conversation_part f "
                        + "where f.workspace_id = p.workspace_id and f.conversation_id = p.conversation_id)) || ' to ' || c.title || '%'"))
                        .as("parts whose body is not the reply of their position").isZero();

                // the run's totals and its report: one line per record, each once, all migrated
                Map<String, Long> expected = new TreeMap<>(Map.of("teammate", (long) ADMINS, "team", (long) TEAMS, "contact", (long) CONTACTS,
                        "conversation", (long) CONVERSATIONS, "ticket", (long) TICKETS));
                Map<String, Long> totals = counts(db, "select record_type, migrated from migration_run_total where run_id = " + run
                        + " and record_type in ('teammate', 'team', 'contact', 'conversation', 'ticket')");
                assertThat(new TreeMap<>(totals)).isEqualTo(expected);
                assertThat(scalar(db, "select coalesce(sum(failed), 0) from migration_run_total where run_id = " + run)).isZero();
                List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
                assertThat(lines.get(0)).isEqualTo("\uFEFFType,Source id,Porter id,Status,Reason,Children");
                Map<String, Long> perType = new TreeMap<>();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",", -1);
                    assertThat(cells[3]).as(line).isEqualTo("migrated");
                    assertThat(seen.add(cells[0] + "/" + cells[1])).as("reported twice: " + line).isTrue();
                    perType.merge(cells[0], 1L, Long::sum);
                    if (cells[0].equals("conversation")) {
                        assertThat(cells[5]).as(line).isEqualTo("parts=" + PARTS + "; attachments=0");
                    }
                }
                assertThat(perType).containsAllEntriesOf(expected);
                assertThat((long) lines.size() - 1).isEqualTo(scalar(db, "select count(*) from migration_report_row where run_id = " + run));
            }
        } finally {
            stopEmbeddedPostgres(data);
        }
    }

    /** An Intercom export (JSON lines) of teammates, teams, contacts, conversations with their parts, and tickets. */
    private static void writeExport(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("admins.jsonl"))) {
            for (int i = 0; i < ADMINS; i++) {
                w.write("{\"type\":\"admin\",\"id\":\"" + i + "\",\"name\":\"Agent " + i + "\",\"email\":\"agent" + i + "@crash.example.com\"}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("teams.jsonl"))) {
            for (int i = 0; i < TEAMS; i++) {
                w.write("{\"type\":\"team\",\"id\":\"t" + i + "\",\"name\":\"Team " + i + "\",\"admin_ids\":[" + i + "," + (i + 2) + "]}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("contacts.jsonl"))) {
            for (int i = 0; i < CONTACTS; i++) {
                w.write("{\"type\":\"contact\",\"id\":\"u" + i + "\",\"role\":\"user\",\"email\":\"person" + i + "@crash.example.com\",\"name\":\"Person "
                        + i + "\",\"created_at\":" + (BASE + i) + ",\"updated_at\":" + (BASE + i) + "}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("conversations.jsonl"))) {
            for (int i = 0; i < CONVERSATIONS; i++) {
                long created = BASE + i * 100L;
                String contact = "u" + (i % CONTACTS);
                StringBuilder b = new StringBuilder();
                b.append("{\"type\":\"conversation\",\"id\":\"c").append(i).append("\",\"title\":\"Question ").append(i)
                        .append("\",\"created_at\":").append(created).append(",\"updated_at\":").append(created + PARTS * 10)
                        .append(",\"state\":\"closed\",\"admin_assignee_id\":").append(i % ADMINS).append(",\"team_assignee_id\":\"t")
                        .append(i % TEAMS).append("\",\"source\":{\"type\":\"email\",\"body\":\"<p>Question ").append(i)
                        .append("</p>\",\"author\":{\"type\":\"user\",\"id\":\"").append(contact).append("\"}},")
                        .append("\"contacts\":{\"contacts\":[{\"type\":\"contact\",\"id\":\"").append(contact).append("\"}]},")
                        .append("\"conversation_parts\":{\"conversation_parts\":[");
                for (int p = 1; p < PARTS; p++) {
                    boolean admin = p % 2 == 1;
                    b.append(p == 1 ? "" : ",").append("{\"type\":\"conversation_part\",\"id\":\"p").append(i).append('_').append(p)
                            .append("\",\"part_type\":\"").append(p == 3 ? "note" : "comment").append("\",\"body\":\"<p>Reply ").append(p)
                            .append(" to Question ").append(i).append("</p>\",\"created_at\":").append(created + 10L * p)
                            .append(",\"author\":{\"type\":\"").append(admin ? "admin" : "user").append("\",\"id\":\"")
                            .append(admin ? Integer.toString(p % ADMINS) : contact).append("\"},\"attachments\":[]}");
                }
                b.append("]}}\n");
                w.write(b.toString());
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("tickets.jsonl"))) {
            for (int i = 0; i < TICKETS; i++) {
                long created = BASE + i * 50L;
                String contact = "u" + (i % CONTACTS);
                StringBuilder b = new StringBuilder();
                b.append("{\"type\":\"ticket\",\"id\":\"tk").append(i).append("\",\"ticket_id\":").append(i + 1)
                        .append(",\"ticket_state\":\"submitted\",\"ticket_type\":{\"name\":\"Bug\"},\"ticket_attributes\":{\"_default_title_\":\"Ticket ")
                        .append(i).append("\"},\"contacts\":{\"contacts\":[{\"id\":\"").append(contact).append("\"}]},\"created_at\":").append(created)
                        .append(",\"updated_at\":").append(created + 30).append(",\"ticket_parts\":{\"ticket_parts\":[");
                for (int p = 0; p < TICKET_PARTS; p++) {
                    b.append(p == 0 ? "" : ",").append("{\"id\":\"tp").append(i).append('_').append(p).append("\",\"part_type\":\"comment\",\"body\":\"<p>")
                            .append(p).append("</p>\",\"created_at\":").append(created + 10L * (p + 1)).append(",\"author\":{\"type\":\"user\",\"id\":\"")
                            .append(contact).append("\"}}");
                }
                b.append("]}}\n");
                w.write(b.toString());
            }
        }
    }

    /** Polls the run until a chunk of conversations has committed; fails if the run ends first. */
    private static void awaitSomeConversationChunksCommitted(Connection db, long run, Process migrating) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Map<String, Object> r = run(db, run);
            assertThat(r.get("status")).as("the run ended before it could be killed").isNotIn("completed", "failed");
            if ("conversations".equals(r.get("stage")) && (Integer) r.get("stage_done") > 0) {
                return;
            }
            assertThat(migrating.isAlive()).as("the migrate process is running").isTrue();
            // a poll, not a synchronisation: the loop ends on the database's state, whatever the pace
            migrating.waitFor(5, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no chunk of conversations of run " + run + " committed within " + TIMEOUT_SECONDS + " s");
    }

    private static Map<String, Object> run(Connection db, long id) throws SQLException {
        Map<String, Object> m = new HashMap<>();
        m.put("status", "none");
        m.put("stage", null);
        m.put("stage_done", 0);
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select status, stage, stage_done from migration_run where id = " + id)) {
            if (rs.next()) {
                m.put("status", rs.getString(1));
                m.put("stage", rs.getString(2));
                m.put("stage_done", rs.getInt(3));
            }
        } catch (SQLException e) {
            // the schema is not there yet while the first process starts: nothing has run
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
        return m;
    }

    private static Map<String, Long> counts(Connection db, String sql) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return m;
    }

    private static Process start(Path data, String... args) throws java.io.IOException {
        return JarProcess.start(data, ENV, args);
    }

    private static Output run(Path data, String... args) throws Exception {
        return JarProcess.run(data, ENV, args);
    }
}
