package io.porter.imports;

import io.porter.contacts.StandardField;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that applies one chunk of reviewed rows, built once per import from its plan. Column names come from
 * {@link StandardField}, never from the file. Every statement can run twice with the same outcome, so a chunk
 * redone after a crash changes nothing more.
 */
record ApplyStatements(String ensureTags, String insertContacts, String updateContacts, String events, String[] batch) {

    private static final String CHUNK = "s.workspace_id = :ws and s.import_id = :id and s.row_no between :lo and :hi";
    /**
     * The ids of the row's tags from this import (created by ensureTags): its tags cell, staged with the row, and
     * the batch and import tags, the same for every row and bound once per statement as {@code :batch}.
     */
    private static final String TAG_IDS = "array(select t.id from tag t where t.workspace_id = s.workspace_id "
            + "and t.name = any(s.tags || :batch) order by t.id)";

    static ApplyStatements of(ImportPlan plan) {
        List<StandardField> mapped = new ArrayList<>();
        for (StandardField f : StandardField.values()) {
            if (plan.maps(f) && f != StandardField.ROLE) {
                mapped.add(f);
            }
        }
        boolean keep = plan.options().noOverwrite();
        boolean customMapped = plan.targets().values().stream().anyMatch(t -> t instanceof ColumnTarget.Custom);

        StringBuilder cols = new StringBuilder("workspace_id, id, role, custom_attributes, tag_ids, created_at, updated_at");
        // the role option was checked to be user or lead, so it is a constant here
        String role = "lead".equals(plan.options().role()) ? "lead" : "user";
        StringBuilder vals = new StringBuilder("s.workspace_id, s.new_contact_id, coalesce(s.role, '" + role + "'), coalesce(s.custom, '{}'::jsonb), " + TAG_IDS + ", now(), now()");
        for (StandardField f : mapped) {
            cols.append(", ").append(f.column());
            vals.append(", s.").append(f.column());
        }
        if (mapped.contains(StandardField.EMAIL)) {
            cols.append(", email_key");
            vals.append(", s.email_key");
        }
        String insert = "insert into contact (" + cols + ") select " + vals + " from import_row s where " + CHUNK
                + " and s.status = 'imported' on conflict (workspace_id, id) do nothing";

        List<String> sets = new ArrayList<>();
        sets.add(keep ? "role = c.role" : "role = coalesce(s.role, c.role)");
        for (StandardField f : mapped) {
            String col = f.column();
            if (f == StandardField.USER_ID && plan.identifier() != Identifier.USER_ID) {
                // matching by anything but user_id never changes a user_id; it may fill an empty one
                sets.add("user_id = coalesce(c.user_id, s.user_id)");
            } else if (keep) {
                sets.add(col + " = " + (f.isTime() ? "coalesce(c." + col + ", s." + col + ")"
                        : "coalesce(nullif(c." + col + ", ''), s." + col + ")"));
            } else {
                sets.add(col + " = s." + col);
            }
        }
        if (mapped.contains(StandardField.EMAIL)) {
            sets.add(keep ? "email_key = case when nullif(c.email, '') is null then s.email_key else c.email_key end"
                    : "email_key = s.email_key");
        }
        if (customMapped) {
            sets.add(keep ? "custom_attributes = coalesce(s.custom, '{}'::jsonb) || c.custom_attributes"
                    : "custom_attributes = (c.custom_attributes - coalesce(s.custom_blank, '{}'::text[])) || coalesce(s.custom, '{}'::jsonb)");
        }
        if (plan.mapsTags() && !keep) {
            // default mode with a tags column: the contact's tags become that column's tags (plus this import's)
            sets.add("tag_ids = " + TAG_IDS);
        } else {
            String added = "array(select distinct x from unnest(c.tag_ids || " + TAG_IDS + ") as x order by x)";
            sets.add("tag_ids = " + (plan.options().batchTags().isEmpty()
                    ? "case when cardinality(s.tags) > 0 then " + added + " else c.tag_ids end" : added));
        }
        sets.add("updated_at = now()");
        String update = "update contact c set " + String.join(", ", sets) + " from import_row s where " + CHUNK
                + " and s.status = 'updated' and c.workspace_id = s.workspace_id and c.id = s.contact_id";

        // the tags of the rows' cells, and the batch and import tags when the import applies any row
        String ensureTags = """
                insert into tag (workspace_id, name)
                select distinct :ws, n from (
                  select unnest(s.tags) as n from import_row s where %1$s and s.status in ('imported', 'updated')
                  union all
                  select unnest(:batch) where exists (
                    select 1 from import_row s where %1$s and s.status in ('imported', 'updated'))) x
                where n is not null and btrim(n) <> ''
                on conflict (workspace_id, name) do nothing""".formatted(CHUNK);
        String events = """
                insert into domain_event (workspace_id, type, subject_id, payload, dispatched_at)
                select s.workspace_id, case s.status when 'imported' then 'contact.created' else 'contact.updated' end,
                       coalesce(s.contact_id, s.new_contact_id)::text,
                       jsonb_build_object('import_id', s.import_id, 'row', s.row_no, 'trigger_automations', :automations),
                       %s
                from import_row s where %s and s.status in ('imported', 'updated') order by s.row_no"""
                .formatted(io.porter.outbox.DomainEvents.dispatchedAt(":ws"), CHUNK);
        return new ApplyStatements(ensureTags, insert, update, events, plan.options().batchTags().toArray(String[]::new));
    }
}
