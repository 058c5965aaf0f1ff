package io.porter.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The import_job table. Every statement names the workspace. */
@Repository
public class ImportJobs {

    private final JdbcClient db;
    private final ObjectMapper json;

    ImportJobs(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    long insert(long ws, String fileName, String createdBy, String encoding, String delimiter, int rows, long size,
                List<String> header, String source) {
        return db.sql("""
                insert into import_job (workspace_id, file_name, created_by, status, encoding, delimiter, row_count, size_bytes, header, source)
                values (?, ?, ?, 'uploaded', ?, ?, ?, ?, ?::jsonb, ?) returning id""")
                .params(ws, fileName, createdBy, encoding, delimiter, rows, size, write(header), source)
                .query(Long.class).single();
    }

    public Optional<ImportJob> find(long ws, long id) {
        return db.sql("select * from import_job where workspace_id = ? and id = ?").params(ws, id).query(this::map).optional();
    }

    public ImportJob get(long ws, long id) {
        return find(ws, id).orElseThrow(() -> io.porter.api.ApiException.notFound("There is no import " + id + " in this workspace"));
    }

    public List<ImportJob> history(long ws, int limit, int offset) {
        return db.sql("select * from import_job where workspace_id = ? order by created_at desc, id desc limit ? offset ?")
                .params(ws, limit, offset).query(this::map).list();
    }

    public int count(long ws) {
        return db.sql("select count(*) from import_job where workspace_id = ?").param(ws).query(Integer.class).single();
    }

    void savePlan(long ws, long id, ImportOptions options, List<ColumnMapping> mapping) {
        db.sql("""
                update import_job set options = ?::jsonb, mapping = ?::jsonb, status = 'uploaded', reviewed_at = null,
                  review_expires_at = null, added = null, updated = null, skipped = null, errors = null,
                  draft_options = null, draft_mapping = null, cleared_fields = null, removed_tags = null, row_anchors = null
                where workspace_id = ? and id = ?""")
                .params(write(options), write(mapping), ws, id).update();
    }

    /** Options and mapping the wizard holds before they become the plan; either is null when not chosen yet. */
    record Draft(ImportOptions options, List<ColumnMapping> mapping) {
    }

    Draft draft(long ws, long id) {
        return db.sql("select draft_options, draft_mapping from import_job where workspace_id = ? and id = ?").params(ws, id)
                .query((rs, n) -> new Draft(read(rs.getString(1), new TypeReference<ImportOptions>() { }),
                        read(rs.getString(2), new TypeReference<List<ColumnMapping>>() { })))
                .optional().orElse(new Draft(null, null));
    }

    void saveDraftOptions(long ws, long id, ImportOptions options) {
        db.sql("update import_job set draft_options = ?::jsonb where workspace_id = ? and id = ?").params(write(options), ws, id).update();
    }

    void saveDraftMapping(long ws, long id, List<ColumnMapping> mapping) {
        db.sql("update import_job set draft_mapping = ?::jsonb where workspace_id = ? and id = ?").params(write(mapping), ws, id).update();
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
            throw new IllegalStateException("Unreadable stored import settings", e);
        }
    }

    private ImportJob map(ResultSet rs, int n) throws SQLException {
        Integer added = (Integer) rs.getObject("added");
        ImportJob.Counts counts = added == null ? null : new ImportJob.Counts(added, rs.getInt("updated"),
                rs.getInt("skipped"), rs.getInt("errors"));
        return new ImportJob(rs.getLong("workspace_id"), rs.getLong("id"), rs.getString("file_name"), rs.getString("source"),
                rs.getString("created_by"), time(rs, "created_at"), rs.getString("status"), rs.getString("encoding"),
                rs.getString("delimiter"), rs.getInt("row_count"), rs.getLong("size_bytes"),
                read(rs.getString("header"), new TypeReference<List<String>>() { }),
                read(rs.getString("options"), new TypeReference<ImportOptions>() { }),
                read(rs.getString("mapping"), new TypeReference<List<ColumnMapping>>() { }),
                time(rs, "reviewed_at"), time(rs, "review_expires_at"), counts, rs.getInt("rows_done"),
                time(rs, "started_at"), time(rs, "finished_at"), rs.getString("failure"),
                time(rs, "result_expires_at"), time(rs, "result_purged_at"),
                rs.getString("failure_text") == null ? null : io.porter.texts.Text.fromMap(read(rs.getString("failure_text"),
                        new TypeReference<java.util.Map<String, Object>>() { })));
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
