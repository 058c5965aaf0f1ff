package io.porter.imports;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Decides every staged row with set-based SQL, in the order of the rules: the row's own problems, identifiers
 * shared inside the file, identifiers shared by several existing contacts, then the purpose.
 */
final class Classifier {

    private Classifier() {
    }

    static void classify(JdbcClient db, long ws, long id, ImportPlan plan) {
        Purpose purpose = plan.purpose();
        if (purpose == Purpose.ADD_ALL) {
            db.sql("""
                    update import_row set status = 'imported', new_contact_id = gen_random_uuid()
                    where workspace_id = ? and import_id = ? and status is null""").params(ws, id).update();
            return;
        }
        String label = plan.identifier() == Identifier.USER_ID_OR_EMAIL ? "user_id or email" : plan.identifier().field().replace('_', ' ');
        // what people see of the identifier: without the u:/e: kind prefix of user-id-or-email
        String shown = plan.identifier() == Identifier.USER_ID_OR_EMAIL ? "substr(r.ident_key, 3)" : "r.ident_key";
        db.sql("""
                with d as (
                  select row_no, count(*) over w as n,
                         array_agg(row_no) over (w order by row_no rows between unbounded preceding and unbounded following) as rows_with
                  from import_row where workspace_id = :ws and import_id = :id and ident_key is not null
                  window w as (partition by ident_key))
                update import_row r set status = 'error', errors = concat_ws('; ', r.errors, format(
                    '%%s %%s is also in row %%s: an identifier may appear only once in the file; merge those rows or fix them',
                    :label, %s,
                    (select string_agg(o::text, ', ') from (select o from unnest(d.rows_with) o where o <> r.row_no limit 10) x)
                      || case when d.n > 11 then format(' and %%s more', d.n - 11) else '' end))
                from d where r.workspace_id = :ws and r.import_id = :id and r.row_no = d.row_no and d.n > 1""".formatted(shown))
                .param("ws", ws).param("id", id).param("label", label).update();
        db.sql("""
                update import_row r set contact_id = m.contact_id, match_count = m.n
                from (select s.row_no, (array_agg(c.id order by c.created_at, c.id))[1] as contact_id, count(*) as n
                      from import_row s join contact c on c.workspace_id = s.workspace_id and %s
                      where s.workspace_id = :ws and s.import_id = :id and s.status is null and s.ident_key is not null
                      group by s.row_no) m
                where r.workspace_id = :ws and r.import_id = :id and r.row_no = m.row_no""".formatted(matchCondition(plan.identifier())))
                .param("ws", ws).param("id", id).update();
        db.sql("""
                update import_row r set status = x.st, errors = x.msg,
                       new_contact_id = case when x.st = 'imported' then gen_random_uuid() end
                from (select row_no,
                        case when match_count > 1 then 'error'
                             when contact_id is not null then case when :updates then 'updated' else 'skipped' end
                             when not :creates then 'skipped'
                             when has_name or not :needsName then 'imported' else 'error' end as st,
                        case when match_count > 1 then format('%%s contacts of the workspace have %%s %%s, so Porter cannot tell which one '
                                 || 'this row is: merge them, or import with another identifier', match_count, :label, %1$s)
                             when contact_id is not null and not :updates then format('skipped: a contact with %%s %%s exists, and '
                                 || 'this import only adds new contacts', :label, %1$s)
                             when contact_id is null and not :creates then format('skipped: no contact has %%s %%s, and this '
                                 || 'import only updates existing contacts', :label, %1$s)
                             when contact_id is null and not has_name and :needsName then 'a new contact needs a name: fill the name, '
                                 || 'first name or last name cell'
                        end as msg
                      from import_row where workspace_id = :ws and import_id = :id and status is null) x
                where r.workspace_id = :ws and r.import_id = :id and r.row_no = x.row_no""".formatted(shown.replace("r.", "")))
                .param("ws", ws).param("id", id).param("label", label)
                .param("updates", purpose.updates()).param("creates", purpose.creates())
                .param("needsName", plan.source().newContactNeedsName()).update();
    }

    /** A constant per identifier: no text from the file reaches the SQL. */
    private static String matchCondition(Identifier identifier) {
        return switch (identifier) {
            case EMAIL -> "c.email_key = s.ident_key";
            case PHONE -> "c.phone = s.ident_key";
            case USER_ID -> "c.user_id = s.ident_key";
            case CONTACT_ID -> "c.id = s.ident_key::uuid";
            case USER_ID_OR_EMAIL -> "(left(s.ident_key, 2) = 'u:' and c.user_id = substr(s.ident_key, 3) "
                    + "or left(s.ident_key, 2) = 'e:' and c.email_key = substr(s.ident_key, 3))";
        };
    }
}
