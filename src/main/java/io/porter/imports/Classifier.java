package io.porter.imports;

import io.porter.contacts.StandardField;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Decides every staged row in one set-based statement, in the order of the rules: the row's own problems,
 * identifiers shared inside the file, identifiers shared by several existing contacts, then the purpose. It reads
 * the review's temporary {@code import_stage} (loaded by COPY, no indexes) and writes each row once into
 * {@code import_row}, with its decision.
 */
final class Classifier {

    /** The review's own table: dropped when its transaction ends. */
    static final String CREATE_STAGE = "create temp table import_stage (like import_row including defaults) on commit drop";

    private Classifier() {
    }

    static void classify(JdbcClient db, long ws, long id, ImportPlan plan) {
        Purpose purpose = plan.purpose();
        Identifier identifier = plan.identifier();
        boolean matching = purpose != Purpose.ADD_ALL && identifier != null;
        String label = identifier == Identifier.USER_ID_OR_EMAIL ? "user_id or email"
                : identifier == null ? "" : identifier.field().replace('_', ' ');
        // what people see of the identifier: without the u:/e: kind prefix of user-id-or-email
        String shown = identifier == Identifier.USER_ID_OR_EMAIL ? "substr(ident_key, 3)" : "ident_key";

        List<String> copied = new ArrayList<>(List.of("workspace_id", "import_id", "row_no", "ident_key", "has_name", "email_key"));
        for (StandardField f : StandardField.values()) {
            copied.add(f.column());
        }
        copied.addAll(List.of("custom", "custom_blank", "tags"));
        String columns = String.join(", ", copied);

        String sql = """
                insert into import_row (%1$s, status, errors, contact_id, match_count, new_contact_id)
                -- identifiers on more than one row: counted by hashing, then only their rows are gathered in order
                with dupkey as (
                  select ident_key, count(*) as n from import_stage where ident_key is not null
                  group by ident_key having count(*) > 1),
                dup as (
                  select s.ident_key, min(k.n) as n, (array_agg(s.row_no order by s.row_no))[1 : 12] as rows_with
                  from import_stage s join dupkey k on k.ident_key = s.ident_key group by s.ident_key),
                -- a key outside dup is on one row only: no distinct needed
                keys as (
                  select s.ident_key from import_stage s
                  where s.ident_key is not null and s.status is null
                    and not exists (select 1 from dup where dup.ident_key = s.ident_key)),
                m as (%2$s),
                d as (
                  select s.*, dup.n as dup_n, dup.rows_with, coalesce(m.n, 0) as match_n, m.contact_id as matched
                  from import_stage s left join dup on dup.ident_key = s.ident_key left join m on m.ident_key = s.ident_key),
                x as (
                  select d.*,
                    case when d.status = 'error' or d.dup_n is not null or d.match_n > 1 then 'error'
                         when not :matching then 'imported'
                         when d.matched is not null then case when :updates then 'updated' else 'skipped' end
                         when not :creates then 'skipped'
                         when d.has_name or not :needsName then 'imported' else 'error' end as decided
                  from d)
                select %1$s, decided,
                  nullif(concat_ws('; ', errors,
                    case when dup_n is not null then format(
                      '%%s %%s is also in row %%s: an identifier may appear only once in the file; merge those rows or fix them',
                      :label, %3$s, array_to_string((array_remove(rows_with, row_no))[1 : 10], ', ')
                        || case when dup_n > 11 then format(' and %%s more', dup_n - 11) else '' end) end,
                    case when status is null and dup_n is null then
                      case when match_n > 1 then format('%%s contacts of the workspace have %%s %%s, so Porter cannot tell '
                                 || 'which one this row is: merge them, or import with another identifier', match_n, :label, %3$s)
                           when decided = 'skipped' and matched is not null then format('skipped: a contact with %%s %%s '
                                 || 'exists, and this import only adds new contacts', :label, %3$s)
                           when decided = 'skipped' then format('skipped: no contact has %%s %%s, and this import only '
                                 || 'updates existing contacts', :label, %3$s)
                           when decided = 'error' then 'a new contact needs a name: fill the name, first name or last name cell'
                      end end), ''),
                  case when match_n = 1 then matched end, match_n,
                  case when decided = 'imported' then gen_random_uuid() end
                from x""".formatted(columns, matches(identifier, matching), shown);
        db.sql(sql).param("ws", ws).param("label", label).param("matching", matching)
                .param("updates", purpose.updates()).param("creates", purpose.creates())
                .param("needsName", plan.source().newContactNeedsName()).update();
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
