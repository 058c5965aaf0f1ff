package io.porter.imports;

import io.porter.contacts.StandardField;
import io.porter.texts.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Decides every staged row with set-based statements, in the order of the rules: the row's own problems, identifiers
 * shared inside the file, identifiers shared by several existing contacts, then the purpose.
 *
 * <p>A review classifies its rows a segment at a time ({@link #classifySegment}) while the next segment is still
 * being normalised: each segment is read from the temporary {@code import_stage} (loaded by COPY, no indexes) and
 * written once into {@code import_row} with its decision. Only one rule needs the whole file, an identifier on
 * several rows, and those rows are rare: {@link #markDuplicates} turns them into errors at the end, from the narrow
 * {@code import_keys} that every segment adds its identifiers to.
 */
final class Classifier {

    /** The review's own tables: dropped when its transaction ends. */
    static final List<String> CREATE_TEMPORARY = List.of(
            "create temp table import_stage (like import_row including defaults) on commit drop",
            "create temp table import_keys (row_no int not null, ident_key text not null, errors jsonb) on commit drop");

    private static final String COLUMNS;

    static {
        List<String> copied = new ArrayList<>(List.of("workspace_id", "import_id", "row_no", "ident_key", "has_name", "email_key"));
        for (StandardField f : StandardField.values()) {
            copied.add(f.column());
        }
        copied.addAll(List.of("custom", "custom_blank", "tags"));
        COLUMNS = String.join(", ", copied);
    }

    private Classifier() {
    }

    /**
     * Decides the rows now in {@code import_stage}, as if no other row of the file shared their identifier, and
     * empties it. Returns how many rows it decided which way.
     */
    static ImportJob.Counts classifySegment(JdbcClient db, long ws, ImportPlan plan, Locale language) {
        Purpose purpose = plan.purpose();
        Identifier identifier = plan.identifier();
        boolean matching = purpose != Purpose.ADD_ALL && identifier != null;
        String shown = shown(identifier, "");
        String sql = """
                -- distinct: a key on two rows of a segment is a duplicate, and must not count its contact twice
                with keys as (
                  select distinct ident_key from import_stage where ident_key is not null and status is null),
                m as (%2$s),
                x as (
                  select s.*, coalesce(m.n, 0) as match_n, m.contact_id as matched,
                    case when s.status = 'error' or m.n > 1 then 'error'
                         when not :matching then 'imported'
                         when m.contact_id is not null then case when :updates then 'updated' else 'skipped' end
                         when not :creates then 'skipped'
                         when s.has_name or not :needsName then 'imported' else 'error' end as decided
                  from import_stage s left join m on m.ident_key = s.ident_key),
                decided as (
                insert into import_row (%1$s, status, errors, contact_id, match_count, new_contact_id)
                -- a row in error when staged has its own errors; the others get at most one, of the identifier's column
                -- (the shown identifier is its value) or, for a missing name, of the row
                select %1$s, decided,
                  case when status is null then
                    case when match_n > 1 then %4$s
                         when decided = 'skipped' and matched is not null then %5$s
                         when decided = 'skipped' then %6$s
                         when decided = 'error' then jsonb_build_array(jsonb_build_object('column', null, 'value', null, 'message', :nameless))
                    end
                  else errors end,
                  case when match_n = 1 then matched end, match_n,
                  case when decided = 'imported' then gen_random_uuid() end
                from x
                returning status)
                select count(*) filter (where status = 'imported'), count(*) filter (where status = 'updated'),
                       count(*) filter (where status = 'skipped'), count(*) filter (where status = 'error')
                from decided""".formatted(COLUMNS, matches(identifier, matching), shown,
                identifierError(shown, "format(:shared, match_n, :label, " + shown + ")"),
                identifierError(shown, "format(:exists, :label, " + shown + ")"),
                identifierError(shown, "format(:missing, :label, " + shown + ")"));
        ImportJob.Counts counts = db.sql(sql).param("ws", ws).param("label", label(identifier, language)).param("matching", matching)
                .param("column", identifierColumn(plan))
                .param("shared", sqlFormat("error.row.identifier-on-contacts", 3, language))
                .param("exists", sqlFormat("error.row.skipped-exists", 2, language))
                .param("missing", sqlFormat("error.row.skipped-missing", 2, language))
                .param("nameless", Text.of("error.row.nameless").in(language))
                .param("updates", purpose.updates()).param("creates", purpose.creates())
                .param("needsName", plan.source().newContactNeedsName())
                .query((rs, i) -> new ImportJob.Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single();
        db.sql("insert into import_keys select row_no, ident_key, errors from import_stage where ident_key is not null").update();
        db.sql("truncate import_stage").update();
        return counts;
    }

    /**
     * Makes every row whose identifier is also on another row of the file an error naming those rows: its own
     * problems stay, what the segment decided about it goes.
     */
    static void markDuplicates(JdbcClient db, long ws, long id, ImportPlan plan, Locale language) {
        String sql = """
                -- identifiers on more than one row: counted by hashing, then only their rows are gathered in order
                with dupkey as (
                  select ident_key, count(*) as n from import_keys group by ident_key having count(*) > 1),
                dup as (
                  select k.ident_key, min(d.n) as n, (array_agg(k.row_no order by k.row_no))[1 : 12] as rows_with
                  from import_keys k join dupkey d on d.ident_key = k.ident_key group by k.ident_key),
                f as (
                  select k.row_no, k.ident_key, k.errors, dup.n, dup.rows_with
                  from import_keys k join dup on dup.ident_key = k.ident_key)
                update import_row r set status = 'error', contact_id = null, match_count = 0, new_contact_id = null,
                  errors = coalesce(f.errors, '[]'::jsonb) || %s
                from f where r.workspace_id = :ws and r.import_id = :id and r.row_no = f.row_no"""
                .formatted(identifierError(shown(plan.identifier(), "f."), "format(:duplicate, :label, " + shown(plan.identifier(), "f.")
                        + ", array_to_string((array_remove(f.rows_with, f.row_no))[1 : 10], ', ')"
                        + " || case when f.n > 11 then format(:more, f.n - 11) else '' end)"));
        db.sql(sql).param("ws", ws).param("id", id).param("label", label(plan.identifier(), language))
                .param("column", identifierColumn(plan))
                .param("duplicate", sqlFormat("error.row.identifier-in-rows", 3, language))
                .param("more", sqlFormat("error.row.and-more", 1, language)).update();
    }

    /**
     * SQL that makes a one-error list of a message about the row's identifier: of the identifier's column
     * ({@code :column}), with the identifier as the value.
     */
    static String identifierError(String shown, String message) {
        return "jsonb_build_array(jsonb_build_object('column', :column::text, 'value', " + shown + ", 'message', " + message + "))";
    }

    /** The header of the identifier's column, as the row's own errors name it; the field when unmapped. */
    static String identifierColumn(ImportPlan plan) {
        Identifier id = plan.identifier();
        if (id == null) {
            return null;
        }
        for (ColumnMapping m : plan.mapping()) {
            if (!m.skipped() && id.field().equals(m.field().strip()) && m.header() != null) {
                return m.header();
            }
        }
        return id.field();
    }

    static String label(Identifier identifier, Locale language) {
        return identifier == null ? "" : Text.of("error.identifier." + identifier.key()).in(language);
    }

    /**
     * A pattern of the bundle as a format string for PostgreSQL's {@code format()}: its arguments become
     * {@code %1$s}, {@code %2$s}, ... in the language's order, and a percent sign of the words stays one.
     */
    static String sqlFormat(String key, int n, Locale language) {
        Object[] marks = new Object[n];
        for (int i = 0; i < n; i++) {
            marks[i] = "\u0001" + (i + 1) + "\u0002";
        }
        String said = Text.of(key, marks).in(language).replace("%", "%%");
        for (int i = 0; i < n; i++) {
            said = said.replace("\u0001" + (i + 1) + "\u0002", "%" + (i + 1) + "$s");
        }
        return said;
    }

    /** What people see of the identifier: without the u:/e: kind prefix of user-id-or-email. */
    static String shown(Identifier identifier, String alias) {
        return identifier == Identifier.USER_ID_OR_EMAIL ? "substr(" + alias + "ident_key, 3)" : alias + "ident_key";
    }

    /**
     * Existing contacts per identifier value: how many, and the oldest. The condition is a constant per identifier:
     * no text from the file reaches the SQL.
     */
    private static String matches(Identifier identifier, boolean matching) {
        String one = "select k.ident_key, count(*) as n, (array_agg(c.id order by c.created_at, c.id))[1] as contact_id "
                + "from keys k join contact c on c.workspace_id = :ws and %s group by k.ident_key";
        if (!matching) {
            return "select null::text as ident_key, 0::bigint as n, null::uuid as contact_id where false";
        }
        return switch (identifier) {
            case EMAIL -> one.formatted("c.email_key = k.ident_key");
            case PHONE -> one.formatted("c.phone = k.ident_key");
            case USER_ID -> one.formatted("c.user_id = k.ident_key");
            case CONTACT_ID -> one.formatted("c.id = k.ident_key::uuid");
            // a user_id match and an email match are two index lookups, not one join on an OR
            case USER_ID_OR_EMAIL -> ("select k.ident_key, count(*) as n, (array_agg(c.id order by c.created_at, c.id))[1] as contact_id "
                    + "from keys k join contact c on c.workspace_id = :ws and c.user_id = substr(k.ident_key, 3) "
                    + "where left(k.ident_key, 2) = 'u:' group by k.ident_key "
                    + "union all "
                    + "select k.ident_key, count(*), (array_agg(c.id order by c.created_at, c.id))[1] "
                    + "from keys k join contact c on c.workspace_id = :ws and c.email_key = substr(k.ident_key, 3) "
                    + "where left(k.ident_key, 2) = 'e:' group by k.ident_key");
        };
    }
}
