package io.porter.imports;

import io.porter.contacts.StandardField;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a reviewed import's updates will take away from existing contacts, for the review to warn about: fields a
 * blank cell will clear, and tags a tags column will replace. One set-based pass over every updated row and its
 * contact, by the rules of {@link ApplyStatements}; it is not part of the review itself (which stays as fast as it
 * was), so it runs when first asked for and is kept with the job until the plan or the review changes.
 */
@Component
class ReviewWarnings {

    private final JdbcClient db;

    ReviewWarnings(JdbcClient db) {
        this.db = db;
    }

    /** The warnings of a reviewed import: kept ones, else counted now; null when the import has moved on uncounted. */
    UpdateLosses of(ImportJob job, ImportPlan plan) {
        long ws = job.workspaceId();
        UpdateLosses kept = db.sql("select cleared_fields, removed_tags from import_job where workspace_id = ? and id = ? and cleared_fields is not null")
                .params(ws, job.id()).query((rs, n) -> new UpdateLosses(rs.getInt(1), rs.getInt(2))).optional().orElse(null);
        if (kept != null || !"reviewed".equals(job.status())) {
            return kept;
        }
        UpdateLosses found = count(ws, job.id(), plan);
        // only while the review counted is still the job's: a review made meanwhile resets the counts to null again
        db.sql("""
                update import_job set cleared_fields = ?, removed_tags = ?
                where workspace_id = ? and id = ? and status = 'reviewed' and reviewed_at = ?""")
                .params(found.clearedFields(), found.removedTags(), ws, job.id(), Timestamp.from(job.reviewedAt())).update();
        return found;
    }

    private UpdateLosses count(long ws, long id, ImportPlan plan) {
        boolean keep = plan.options().noOverwrite();
        if (keep || plan.purpose() != null && !plan.purpose().updates()) {
            return new UpdateLosses(0, 0);   // 'do not overwrite' and imports that update nothing take nothing away
        }
        List<String> cleared = new ArrayList<>();
        for (StandardField f : UpdateChanges.written(plan)) {
            if (UpdateChanges.clears(plan, f)) {
                cleared.add("(s.%1$s is null and nullif(c.%1$s::text, '') is not null)::int".formatted(f.column()));
            }
        }
        if (plan.targets().values().stream().anyMatch(t -> t instanceof ColumnTarget.Custom)) {
            cleared.add("(select count(*) from unnest(s.custom_blank) k where nullif(c.custom_attributes -> k, 'null'::jsonb) is not null)::int");
        }
        String removed = plan.mapsTags()
                ? "(select count(*) from tag t where t.workspace_id = c.workspace_id and t.id = any(c.tag_ids)"
                  + " and not t.name = any(coalesce(s.tags, '{}') || :batch::text[]))::int"
                : "0";
        String sql = """
                select coalesce(sum(%s), 0), coalesce(sum(%s), 0)
                from import_row s join contact c on c.workspace_id = s.workspace_id and c.id = s.contact_id
                where s.workspace_id = :ws and s.import_id = :id and s.status = 'updated'"""
                .formatted(cleared.isEmpty() ? "0" : String.join(" + ", cleared), removed);
        return db.sql(sql).param("ws", ws).param("id", id).param("batch", plan.options().batchTags().toArray(String[]::new))
                .query((rs, n) -> new UpdateLosses(rs.getInt(1), rs.getInt(2))).single();
    }
}
