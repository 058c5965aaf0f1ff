package io.porter.imports;

import io.porter.texts.Text;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Decides a chunk's rows again, against the workspace as it is when the chunk applies them: a review can be hours
 * old, and since then another import or a person may have created, changed or deleted the contacts its rows
 * matched. A row that now matches one contact updates it (or is skipped when the import only adds), a row whose
 * contact is gone creates one (or is skipped when the import only updates), and a row that now matches several is
 * an error; each says that the workspace changed after the review. One statement per chunk, run first in the
 * chunk's transaction under {@link io.porter.contacts.IdentifierChanges}, so nothing can commit a matching contact
 * between this look and the chunk's insert.
 */
final class ReviewRecheck {

    /** Rows that went from one decision to another in a chunk. */
    record Moved(String from, String to, int rows) {
    }

    private final String sql;
    private final ImportPlan plan;
    private final Locale language;

    private ReviewRecheck(String sql, ImportPlan plan, Locale language) {
        this.sql = sql;
        this.plan = plan;
        this.language = language;
    }

    static ReviewRecheck of(ImportPlan plan, Locale language) {
        Identifier identifier = plan.identifier();
        if (plan.purpose() == Purpose.ADD_ALL || identifier == null) {
            return new ReviewRecheck(null, plan, language);
        }
        String shown = Classifier.shown(identifier, "d.");
        String sql = """
                -- a lookup per row (the rows of a chunk hold distinct keys): a plan that cannot go quadratic when
                -- the planner misjudges how many rows the chunk has
                with d as (
                  select s.row_no, s.ident_key, s.status as was, s.contact_id as was_contact, m.n, m.matched,
                    case when m.n > 1 then 'error'
                         when m.n = 1 then case when :updates then 'updated' else 'skipped' end
                         when not :creates then 'skipped'
                         when s.has_name or not :needsName then 'imported' else 'error' end as decided
                  from import_row s cross join lateral (
                    select count(*) as n, (array_agg(c.id order by c.created_at, c.id))[1] as matched
                    from contact c where c.workspace_id = :ws and (%1$s)) m
                  where s.workspace_id = :ws and s.import_id = :id and s.row_no between :lo and :hi
                    and s.status <> 'error' and s.ident_key is not null),
                moved as (
                  update import_row s set status = d.decided, match_count = d.n,
                    contact_id = case when d.n = 1 then d.matched end,
                    new_contact_id = case when d.decided = 'imported' then coalesce(s.new_contact_id, gen_random_uuid()) end,
                    errors = %3$s
                  from d
                  where s.workspace_id = :ws and s.import_id = :id and s.row_no = d.row_no
                    and (d.decided <> d.was or (d.decided = 'updated' and d.matched <> d.was_contact))
                  returning d.was, d.decided)
                select was, decided, count(*) from moved group by was, decided"""
                .formatted(match(identifier), shown, Classifier.identifierError(shown, """
                format(:changed, case
                  when d.n > 1 then format(:shared, d.n, :label, %1$s)
                  when d.decided = 'updated' and d.was = 'updated' then format(:other, :label, %1$s)
                  when d.decided = 'updated' then format(:updates_now, :label, %1$s)
                  when d.decided = 'skipped' and d.matched is not null then format(:exists, :label, %1$s)
                  when d.decided = 'skipped' then format(:missing, :label, %1$s)
                  when d.decided = 'imported' then format(:creates_now, :label, %1$s)
                  else :nameless end)""".formatted(shown)));
        return new ReviewRecheck(sql, plan, language);
    }

    /** The condition that a contact {@code c} has the identifier of row {@code s}; no text from the file reaches the SQL. */
    private static String match(Identifier identifier) {
        return switch (identifier) {
            case EMAIL -> "c.email_key = s.ident_key";
            case PHONE -> "c.phone = s.ident_key";
            case USER_ID -> "c.user_id = s.ident_key";
            case CONTACT_ID -> "c.id = s.ident_key::uuid";
            case USER_ID_OR_EMAIL -> "c.user_id = case when left(s.ident_key, 2) = 'u:' then substr(s.ident_key, 3) end "
                    + "or c.email_key = case when left(s.ident_key, 2) = 'e:' then substr(s.ident_key, 3) end";
        };
    }

    /** Whether rows of this import can be decided differently later: not when every row creates a contact. */
    boolean applies() {
        return sql != null;
    }

    /** Decides rows {@code lo} to {@code hi} again; returns the rows that changed decision, which it also counts on the job. */
    List<Moved> run(JdbcClient db, long ws, long id, int lo, int hi) {
        Purpose purpose = plan.purpose();
        List<Moved> moved = db.sql(sql).param("ws", ws).param("id", id).param("lo", lo).param("hi", hi)
                .param("updates", purpose.updates()).param("creates", purpose.creates())
                .param("needsName", plan.source().newContactNeedsName())
                .param("label", Classifier.label(plan.identifier(), language))
                .param("column", Classifier.identifierColumn(plan))
                .param("changed", Classifier.sqlFormat("error.row.changed-after-review", 1, language))
                .param("shared", Classifier.sqlFormat("error.row.identifier-on-contacts", 3, language))
                .param("other", Classifier.sqlFormat("error.row.now-another-contact", 2, language))
                .param("updates_now", Classifier.sqlFormat("error.row.now-exists", 2, language))
                .param("exists", Classifier.sqlFormat("error.row.skipped-exists", 2, language))
                .param("missing", Classifier.sqlFormat("error.row.skipped-missing", 2, language))
                .param("creates_now", Classifier.sqlFormat("error.row.now-missing", 2, language))
                .param("nameless", Text.of("error.row.nameless").in(language))
                .query((rs, n) -> new Moved(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
        if (!moved.isEmpty()) {
            db.sql("""
                    update import_job set added = added + :added, updated = updated + :updated,
                      skipped = skipped + :skipped, errors = errors + :errors, row_anchors = null
                    where workspace_id = :ws and id = :id""")
                    .param("added", change(moved, "imported")).param("updated", change(moved, "updated"))
                    .param("skipped", change(moved, "skipped")).param("errors", change(moved, "error"))
                    .param("ws", ws).param("id", id).update();
        }
        return moved;
    }

    /** How many more rows have {@code status} after the rows moved. */
    static int change(List<Moved> moved, String status) {
        int n = 0;
        for (Moved m : moved) {
            if (m.to().equals(status)) {
                n += m.rows();
            }
            if (m.from().equals(status)) {
                n -= m.rows();
            }
        }
        return n;
    }
}
