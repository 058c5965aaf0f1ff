package io.porter.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.api.Page;
import io.porter.api.Paging;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reviewed rows of an import, a page at a time, in file order, optionally of one status. The totals are the
 * review's counts, kept with the job, so no page counts rows. A page walks the primary key (workspace, import,
 * row) in order from the nearest {@link RowAnchors anchor}; the rows of a status are read along it.
 */
@Repository
class ImportRows {

    private static final TypeReference<List<RowError>> ERRORS = new TypeReference<>() { };

    private final JdbcClient db;
    private final ObjectMapper json;
    private final UpdateChanges changes;
    private final RowAnchors anchors;

    ImportRows(JdbcClient db, ObjectMapper json, UpdateChanges changes, RowAnchors anchors) {
        this.anchors = anchors;
        this.db = db;
        this.json = json;
        this.changes = changes;
    }

    /**
     * A page of rows. {@code plan} is the job's; with it, updated rows list their changes while the import has not
     * started (null: the changes are no longer known).
     */
    Page<ReviewedRow> page(ImportJob job, ImportPlan plan, RowStatus status, Paging paging) {
        ImportJob.Counts counts = job.counts();
        long total = status == null ? counts.total() : status.count(counts);
        String identifier = job.options() != null && job.options().identifier() == Identifier.USER_ID_OR_EMAIL
                ? "substr(ident_key, 3)" : "ident_key";
        // a page reads between the anchor before it and the one after next, skipping fewer than RowAnchors.STEP rows
        RowAnchors.Window window = anchors.window(job.workspaceId(), job.id(), status, paging.offset());
        List<ReviewedRow> rows = window == null ? List.of() : db.sql("""
                select row_no, status, coalesce(contact_id, new_contact_id) as contact, coalesce(%s, email, phone, user_id) as shown,
                       errors::text as errors
                from import_row where workspace_id = :ws and import_id = :id and row_no between :from and :to %s
                order by row_no limit :limit offset :skip""".formatted(identifier, status == null ? "" : "and status = :status"))
                .param("ws", job.workspaceId()).param("id", job.id()).param("from", window.from()).param("to", window.to())
                .params(status == null ? Map.of() : Map.of("status", status.key()))
                .param("limit", paging.perPage()).param("skip", window.skip())
                .query((rs, n) -> new ReviewedRow(rs.getInt("row_no"), rs.getString("status"), rs.getObject("contact", UUID.class),
                        rs.getString("shown"), errors(rs.getString("errors")), List.of()))
                .list();
        boolean known = "reviewed".equals(job.status());
        List<Integer> updated = rows.stream().filter(r -> RowStatus.UPDATED.key().equals(r.status())).map(ReviewedRow::row).toList();
        Map<Integer, List<FieldChange>> found = known ? changes.of(job.workspaceId(), job.id(), plan, updated) : Map.of();
        List<ReviewedRow> shown = rows.stream().map(r -> !RowStatus.UPDATED.key().equals(r.status()) ? r
                : r.withChanges(known ? found.getOrDefault(r.row(), List.of()) : null)).toList();
        return paging.page(shown, total);
    }

    private List<RowError> errors(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, ERRORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable row errors", e);
        }
    }
}
