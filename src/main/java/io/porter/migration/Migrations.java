package io.porter.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.api.ApiException;
import io.porter.contacts.IdentifierChanges;
import io.porter.imports.csv.SafeCsvWriter;
import io.porter.migration.sources.SourceReader;
import io.porter.migration.sources.Sources;
import io.porter.texts.Text;
import io.porter.values.Email;
import io.porter.values.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Migration sources (exports), their runs, reports, and the removal of a demo's records. Every statement names the workspace. */
@Service
public class Migrations {

    public record SourceRow(long workspaceId, long id, String system, String fileName, String location, String createdBy,
                            Instant createdAt, Map<String, Long> scan, Instant maxUpdatedAt, MigrationOptions options) {
    }

    public record RunRow(long workspaceId, long id, long sourceId, String system, String kind, String status, MigrationOptions options,
                         Integer demoSize, Instant since, Instant highWater, String stage, int stageDone, long recordsDone,
                         long recordsTotal, String createdBy, Instant createdAt, Instant finishedAt, String failure) {
    }

    private final JdbcClient db;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final Path root;

    Migrations(JdbcClient db, ObjectMapper json, TransactionTemplate tx, @Value("${porter.data-dir}") Path dataDir) {
        this.db = db;
        this.json = json;
        this.tx = tx;
        this.root = dataDir.toAbsolutePath().resolve("migrations");
    }

    static String system(String raw) {
        String s = raw == null ? "" : raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (!Sources.SYSTEMS.contains(s)) {
            throw ApiException.badRequest("source is one of intercom, zendesk, freshdesk; not '" + raw + "'");
        }
        return s;
    }

    /** An uploaded export (a zip): kept under data/migrations/<ws>/<id>/export.zip, then scanned. */
    public SourceRow upload(long ws, String system, String fileName, InputStream in, String createdBy) {
        String sys = system(system);
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempFile(root, "upload-", ".part");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                long id = insertSource(ws, sys, fileName == null ? "export.zip" : fileName, "pending", createdBy);
                Path dir = root.resolve(Long.toString(ws)).resolve(Long.toString(id));
                Files.createDirectories(dir);
                Path target = dir.resolve("export.zip");
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                db.sql("update migration_source set location = ? where workspace_id = ? and id = ?").params(target.toString(), ws, id).update();
                return scan(ws, id);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An export read where it is (a folder or a zip named on the command line). */
    public SourceRow register(long ws, String system, Path location, String createdBy) {
        String sys = system(system);
        if (!Files.exists(location)) {
            throw ApiException.badRequest("There is no export at " + location);
        }
        long id = insertSource(ws, sys, location.getFileName().toString(), location.toAbsolutePath().toString(), createdBy);
        return scan(ws, id);
    }

    private long insertSource(long ws, String sys, String fileName, String location, String createdBy) {
        return db.sql("insert into migration_source (workspace_id, system, file_name, location, created_by) values (?, ?, ?, ?, ?) returning id")
                .params(ws, sys, fileName, location, createdBy).query(Long.class).single();
    }

    SourceRow scan(long ws, long id) {
        SourceRow s = sourceRow(ws, id);
        Scan scan;
        try (SourceReader r = Sources.open(s.system(), Path.of(s.location()))) {
            scan = Scan.of(r);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            db.sql("delete from migration_source where workspace_id = ? and id = ?").params(ws, id).update();
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, Text.of("error.migration.unreadable", s.system(), String.valueOf(e.getMessage())));
        }
        db.sql("update migration_source set scan = ?::jsonb, max_updated_at = ? where workspace_id = ? and id = ?")
                .params(write(scan.counts), scan.maxUpdatedAt == null ? null : Timestamp.from(scan.maxUpdatedAt), ws, id).update();
        return sourceRow(ws, id);
    }

    public SourceRow setOptions(long ws, long id, MigrationOptions options) {
        sourceRow(ws, id);
        MigrationOptions checked = (options == null ? MigrationOptions.defaults() : options).check();
        checkReferences(ws, checked);
        db.sql("update migration_source set options = ?::jsonb where workspace_id = ? and id = ?").params(write(checked), ws, id).update();
        return sourceRow(ws, id);
    }

    private void checkReferences(long ws, MigrationOptions o) {
        if (o.fallbackTeammate() != null) {
            teammateId(ws, o.fallbackTeammate());
        }
    }

    Long teammateId(long ws, String email) {
        String key;
        try {
            key = Email.parse(email).key();
        } catch (InvalidValueException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, Text.of("error.migration.fallback-not-email", email));
        }
        return db.sql("select u.id from app_user u join workspace_member m on m.user_id = u.id and m.workspace_id = ? where u.email = ?")
                .params(ws, key).query(Long.class).optional()
                .orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, Text.of("error.migration.fallback-unknown", email)));
    }

    Long teamId(long ws, String name) {
        db.sql("insert into team (workspace_id, name) values (?, ?) on conflict (workspace_id, name) do nothing").params(ws, name.strip()).update();
        return db.sql("select id from team where workspace_id = ? and name = ?").params(ws, name.strip()).query(Long.class).single();
    }

    /** Starts a run: refused while another runs in the workspace; a delta needs a completed full run first. */
    public RunRow start(long ws, long sourceId, String kind, Integer demoSize, String createdBy) {
        SourceRow s = sourceRow(ws, sourceId);
        if (!List.of("demo", "full", "delta").contains(kind)) {
            throw ApiException.badRequest("A run is demo, full or delta");
        }
        MigrationOptions options = s.options().check();
        checkReferences(ws, options);
        Instant since = null;
        if (kind.equals("delta")) {
            since = db.sql("""
                    select max(high_water) from migration_run where workspace_id = ? and system = ? and kind in ('full', 'delta')
                      and status = 'completed'""").params(ws, s.system()).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant).orElse(null);
            boolean anyFull = db.sql("select exists (select 1 from migration_run where workspace_id = ? and system = ? and kind = 'full' and status = 'completed')")
                    .params(ws, s.system()).query(Boolean.class).single();
            if (!anyFull) {
                throw new ApiException(HttpStatus.CONFLICT, Text.of("error.migration.delta-first", s.system()));
            }
        }
        int size = demoSize == null ? 20 : demoSize;
        if (kind.equals("demo") && (size < 1 || size > 1000)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, Text.of("error.migration.demo-size"));
        }
        long total = s.scan() == null ? 0 : s.scan().entrySet().stream().filter(e -> !e.getKey().equals("attachments"))
                .mapToLong(Map.Entry::getValue).sum();
        try {
            Instant sinceFinal = since;
            long id = db.sql("""
                    insert into migration_run (workspace_id, source_id, system, kind, status, options, demo_size, since, high_water, records_total, created_by)
                    values (?, ?, ?, ?, 'running', ?::jsonb, ?, ?, ?, ?, ?) returning id""")
                    .params(ws, sourceId, s.system(), kind, write(options), kind.equals("demo") ? size : null,
                            sinceFinal == null ? null : Timestamp.from(sinceFinal), s.maxUpdatedAt() == null ? null : Timestamp.from(s.maxUpdatedAt()),
                            kind.equals("demo") ? Math.min(total, size * 40L) : total, createdBy)
                    .query(Long.class).single();
            return runRow(ws, id);
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, Text.of("error.migration.another-running"));
        }
    }

    /** Restarts a failed run where it stopped. */
    public RunRow restart(long ws, long runId) {
        RunRow r = runRow(ws, runId);
        if (!"failed".equals(r.status())) {
            throw new ApiException(HttpStatus.CONFLICT, Text.of("error.migration.restart-not-failed", r.status()));
        }
        try {
            db.sql("update migration_run set status = 'running', failure = null where workspace_id = ? and id = ? and status = 'failed'").params(ws, runId).update();
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, Text.of("error.migration.another-running-short"));
        }
        return runRow(ws, runId);
    }

    public SourceRow sourceRow(long ws, long id) {
        return db.sql("select * from migration_source where workspace_id = ? and id = ?").params(ws, id).query(this::source).optional()
                .orElseThrow(() -> ApiException.notFound("There is no migration " + id + " in this workspace"));
    }

    public RunRow runRow(long ws, long id) {
        return db.sql("select * from migration_run where workspace_id = ? and id = ?").params(ws, id).query(this::run).optional()
                .orElseThrow(() -> ApiException.notFound("There is no migration run " + id + " in this workspace"));
    }

    public List<SourceRow> sources(long ws, int limit, int offset) {
        return db.sql("select * from migration_source where workspace_id = ? order by created_at desc, id desc limit ? offset ?")
                .params(ws, limit, offset).query(this::source).list();
    }

    public List<RunRow> runs(long ws, Long sourceId) {
        return db.sql("select * from migration_run where workspace_id = ? and (?::bigint is null or source_id = ?) order by created_at desc, id desc limit 200")
                .params(ws, sourceId, sourceId).query(this::run).list();
    }

    /** Per record type: migrated, failed, skipped. */
    public Map<String, Map<String, Integer>> totals(long ws, long runId) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        db.sql("select * from migration_run_total where workspace_id = ? and run_id = ? order by record_type").params(ws, runId)
                .query(rs -> {
                    Map<String, Integer> m = new LinkedHashMap<>();
                    m.put("migrated", rs.getInt("migrated"));
                    m.put("failed", rs.getInt("failed"));
                    m.put("skipped", rs.getInt("skipped"));
                    out.put(rs.getString("record_type"), m);
                });
        return out;
    }

    static final List<String> REPORT_HEADER = List.of("Type", "Source id", "Porter id", "Status", "Reason", "Children");

    /** The report: one row per record, in the order the run met them; cells safe for spreadsheets. */
    public void writeReport(long ws, long runId, OutputStream out) {
        runRow(ws, runId);
        SafeCsvWriter w = new SafeCsvWriter(out);
        w.write(REPORT_HEADER);
        long after = 0;
        while (true) {
            long[] last = {-1};
            db.sql("""
                    select seq, record_type, source_id, porter_id, status, reason, children from migration_report_row
                    where workspace_id = ? and run_id = ? and seq > ? order by seq limit 5000""")
                    .params(ws, runId, after)
                    .query(rs -> {
                        last[0] = rs.getLong(1);
                        w.write(java.util.Arrays.asList(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    });
            if (last[0] < 0) {
                break;
            }
            after = last[0];
        }
        w.close();
    }

    /**
     * Deletes what only demo runs brought from {@code system}: the records they created (conversations and tickets
     * with their parts and attachments, contacts, companies, the knowledge base, teams, inactive teammates they
     * created) and the id map entries, so the full run starts clean. Records a later full or delta run touched stay.
     */
    public Map<String, Integer> deleteDemo(long ws, String system) {
        String sys = system(system);
        if (db.sql("select exists (select 1 from migration_run where workspace_id = ? and status = 'running')").param(ws).query(Boolean.class).single()) {
            throw new ApiException(HttpStatus.CONFLICT, Text.of("error.migration.delete-while-running"));
        }
        Map<String, Integer> deleted = new LinkedHashMap<>();
        tx.executeWithoutResult(st -> {
            String demo = " (select porter_id from migration_id_map where workspace_id = :ws and source_system = :sys and demo and created and record_type = :t)";
            String[][] targets = {
                    {"attachment", "attachment", "id"}, {"conversation", "conversation", "id"}, {"ticket", "ticket", "id"},
                    {"article", "kb_article", "id"}, {"kb_folder", "kb_folder", "id"}, {"kb_category", "kb_category", "id"},
                    {"company", "company", "id"}, {"team", "team", "id"}};
            for (String[] t : targets) {
                int n = db.sql("delete from " + t[1] + " where workspace_id = :ws and " + t[2] + " in" + demo)
                        .param("ws", ws).param("sys", sys).param("t", t[0]).update();
                deleted.put(t[0], n);
            }
            IdentifierChanges.lockToChange(db, ws);
            deleted.put("contact", db.sql("""
                    delete from contact where workspace_id = :ws and id in (select porter_uuid from migration_id_map
                      where workspace_id = :ws and source_system = :sys and demo and created and record_type = 'contact')""")
                    .param("ws", ws).param("sys", sys).update());
            deleted.put("teammate", db.sql("""
                    delete from workspace_member where workspace_id = :ws and not active and user_id in (select porter_id from migration_id_map
                      where workspace_id = :ws and source_system = :sys and demo and created and record_type = 'teammate')""")
                    .param("ws", ws).param("sys", sys).update());
            db.sql("""
                    delete from app_user u where u.password_hash is null and not exists (select 1 from workspace_member m where m.user_id = u.id)
                      and u.id in (select porter_id from migration_id_map where workspace_id = :ws and source_system = :sys and demo and created
                                   and record_type = 'teammate')""").param("ws", ws).param("sys", sys).update();
            db.sql("delete from migration_id_map where workspace_id = ? and source_system = ? and demo").params(ws, sys).update();
        });
        return deleted;
    }

    /** How a team of the export lands in Porter: its Porter name, and whether a team of that name exists already. */
    public record TeamMatch(String sourceName, String porterName, boolean mapped, boolean exists) {
    }

    /**
     * The teams of an export with where each goes under the export's options: a mapped name, else the same name; a
     * Porter team of that name gets the records, else the run creates it (as {@link Stager} decides).
     */
    public List<TeamMatch> teamMatches(long ws, long id) {
        SourceRow s = sourceRow(ws, id);
        java.util.Set<String> existing = new java.util.HashSet<>(db.sql("select name from team where workspace_id = ?").param(ws).query(String.class).list());
        List<TeamMatch> out = new java.util.ArrayList<>();
        try (SourceReader r = Sources.open(s.system(), Path.of(s.location()));
             io.porter.migration.sources.RecordStream<io.porter.migration.sources.Records.Team> teams = r.teams()) {
            teams.forEachRemaining(t -> {
                if (t.name() != null) {
                    String target = s.options().teams().getOrDefault(t.name(), t.name()).strip();
                    out.add(new TeamMatch(t.name(), target, s.options().teams().containsKey(t.name()), existing.contains(target)));
                }
            });
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, Text.of("error.migration.unreadable", s.system(), String.valueOf(e.getMessage())));
        }
        return out;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored migration settings", e);
        }
    }

    private SourceRow source(ResultSet rs, int n) throws SQLException {
        MigrationOptions o = read(rs.getString("options"), new TypeReference<MigrationOptions>() { });
        return new SourceRow(rs.getLong("workspace_id"), rs.getLong("id"), rs.getString("system"), rs.getString("file_name"),
                rs.getString("location"), rs.getString("created_by"), time(rs, "created_at"),
                read(rs.getString("scan"), new TypeReference<Map<String, Long>>() { }), time(rs, "max_updated_at"),
                (o == null ? MigrationOptions.defaults() : o).withDefaults());
    }

    private RunRow run(ResultSet rs, int n) throws SQLException {
        return new RunRow(rs.getLong("workspace_id"), rs.getLong("id"), rs.getLong("source_id"), rs.getString("system"), rs.getString("kind"),
                rs.getString("status"), read(rs.getString("options"), new TypeReference<MigrationOptions>() { }).withDefaults(),
                (Integer) rs.getObject("demo_size"), time(rs, "since"), time(rs, "high_water"), rs.getString("stage"), rs.getInt("stage_done"),
                rs.getLong("records_done"), rs.getLong("records_total"), rs.getString("created_by"), time(rs, "created_at"),
                time(rs, "finished_at"), rs.getString("failure"));
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
