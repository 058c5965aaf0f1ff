package io.porter.migration;

import io.porter.contacts.IdentifierChanges;
import io.porter.imports.Timings;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The set-based statements that apply one staged chunk, kind by kind, inside the chunk's transaction. No statement
 * runs per record: each resolves, inserts or updates every staged row of a kind at once. Every statement is
 * idempotent through the id map: a chunk applied again (after a crash, or by the next run) updates in place.
 */
final class MigrationLoader {

    /** What the statements need to know about the run. */
    record Run(long ws, String system, long runId, boolean demo, Long fallbackUserId, Long unassignedTeamId,
               Map<String, String> teamNames) {
    }

    /** Kinds with a row of their own in the report; parts and translations are counted on their parent. */
    static final List<String> REPORTED = List.of("teammate", "team", "company", "contact", "conversation", "ticket",
            "attachment", "kb_category", "kb_folder", "article");

    private final JdbcClient db;
    private final Run run;
    private final Timings timings;

    MigrationLoader(JdbcClient db, Run run, Timings timings) {
        this.db = db;
        this.run = run;
        this.timings = timings;
    }

    private int sql(String sql) {
        return sql(sql, Map.of());
    }

    private int sql(String sql, Map<String, ?> extra) {
        var spec = db.sql(sql).param("ws", run.ws()).param("sys", run.system()).param("run", run.runId()).param("demo", run.demo());
        for (var e : extra.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        long t = System.nanoTime();
        int n = spec.update();
        timings.add(label(sql, extra), t);
        return n;
    }

    /** The name of a statement in the timings: its kind and its opening words. */
    private static String label(String sql, Map<String, ?> extra) {
        String flat = sql.replaceAll("\\s+", " ").strip();
        Object kind = extra.get("kind");
        return "sql " + (kind == null ? "" : "[" + kind + "] ") + (flat.length() > 110 ? flat.substring(0, 110) + "..." : flat);
    }

    private boolean any(String kind) {
        return db.sql("select exists (select 1 from mig_stage where kind = ? and status is null)").param(kind).query(Boolean.class).single();
    }

    /** Applies every kind staged in this chunk, in dependency order, then the report rows, totals and id map. */
    void apply(List<String> kinds) {
        sql("""
                update mig_stage s set status = 'skipped', reason = 'the export holds this record more than once: the first is kept'
                from (select seq, row_number() over (partition by kind, source_id order by seq) n from mig_stage) o
                where o.seq = s.seq and o.n > 1 and s.status is null""");
        for (String kind : List.of("teammate", "team", "team_member", "company", "contact", "conversation", "ticket",
                "conversation_part", "ticket_part", "attachment", "kb_category", "kb_folder", "article", "translation")) {
            if (!kinds.contains(kind)) {
                continue;
            }
            switch (kind) {
                case "teammate" -> teammates();
                case "team" -> teams();
                case "team_member" -> teamMembers();
                case "company" -> companies();
                case "contact" -> contacts();
                case "conversation" -> conversations();
                case "ticket" -> tickets();
                case "conversation_part" -> parts("conversation_part", "conversation", "conversation_part", "conversation_id");
                case "ticket_part" -> parts("ticket_part", "ticket", "ticket_part", "ticket_id");
                case "attachment" -> attachments();
                case "kb_category" -> categories();
                case "kb_folder" -> folders();
                case "article" -> articles();
                case "translation" -> translations();
                default -> throw new IllegalStateException(kind);
            }
        }
        sql("update mig_stage set status = 'migrated' where status is null");
        report();
    }

    // --- shared steps ---

    /** Finds the Porter record of each staged row in the id map, checking it still exists in {@code table}. */
    private void resolveMapped(String kind, String table, String idColumn) {
        String target = idColumn.equals("porter_uuid") ? "porter_uuid" : "porter_id";
        String check = table.equals("workspace_member")
                ? "t.workspace_id = m.workspace_id and t.user_id = m.porter_id"
                : "t.workspace_id = m.workspace_id and t.id = m." + target;
        sql("update mig_stage s set " + target + " = m." + target + ", existed = true from migration_id_map m join " + table + " t on " + check
                + " where s.kind = :kind and s.status is null and m.workspace_id = :ws and m.source_system = :sys and m.record_type = :kind"
                + " and m.source_id = s.source_id", Map.of("kind", kind));
    }

    /** Gives every row of {@code kind} still without a Porter id a new one from {@code table}'s sequence. */
    private void allocate(String kind, String table) {
        sql("update mig_stage set porter_id = nextval(pg_get_serial_sequence('" + table + "', 'id')), created = true"
                + " where kind = :kind and status is null and porter_id is null", Map.of("kind", kind));
    }

    private void mapRows(String kind) {
        sql("""
                insert into migration_id_map (workspace_id, source_system, record_type, source_id, porter_id, porter_uuid, created, demo,
                                              source_updated_at, first_run_id, last_run_id)
                select :ws, :sys, s.kind, s.source_id, s.porter_id, s.porter_uuid, s.created, :demo, s.updated_at, :run, :run
                from mig_stage s where s.kind = :kind and s.status is null
                on conflict (workspace_id, source_system, record_type, source_id) do update set
                  porter_id = excluded.porter_id, porter_uuid = excluded.porter_uuid,
                  created = case when migration_id_map.porter_id is not distinct from excluded.porter_id
                                  and migration_id_map.porter_uuid is not distinct from excluded.porter_uuid
                                 then migration_id_map.created else excluded.created end,
                  demo = migration_id_map.demo and excluded.demo, source_updated_at = excluded.source_updated_at,
                  last_run_id = excluded.last_run_id""", Map.of("kind", kind));
    }

    /** Sets {@code column} from the id map: the Porter id of the source id in {@code d->>field}, of {@code type}. */
    private void ref(String kind, String column, String field, String type, String table, String idColumn) {
        boolean uuid = idColumn.equals("porter_uuid");
        String check = table.equals("workspace_member") ? "t.workspace_id = m.workspace_id and t.user_id = m.porter_id"
                : "t.workspace_id = m.workspace_id and t.id = m." + (uuid ? "porter_uuid" : "porter_id");
        String source = field.equals("parent_id") ? "s.parent_id" : "s.d->>'" + field + "'";
        sql("update mig_stage s set " + column + " = m." + (uuid ? "porter_uuid" : "porter_id") + " from migration_id_map m join "
                + table + " t on " + check + " where s.kind = :kind and s.status is null and " + column + " is null"
                + " and m.workspace_id = :ws and m.source_system = :sys and m.record_type = :type and m.source_id = " + source,
                Map.of("kind", kind, "type", type));
    }

    private void warn(String kind, String condition, String reasonSql) {
        sql("update mig_stage s set reason = concat_ws('; ', s.reason, " + reasonSql + ") where s.kind = :kind and s.status is null and "
                + condition, Map.of("kind", kind));
    }

    // --- kinds ---

    private void teammates() {
        resolveMapped("teammate", "workspace_member", "porter_id");
        // a teammate of this workspace with the same email
        sql("""
                update mig_stage s set porter_id = u.id from app_user u join workspace_member m on m.user_id = u.id and m.workspace_id = :ws
                where s.kind = 'teammate' and s.status is null and s.porter_id is null and u.email = s.d->>'email_key'""");
        if (run.fallbackUserId() != null) {
            sql("""
                    update mig_stage s set porter_id = :fallback, reason = 'no teammate with this email: attributed to the fallback teammate'
                    where s.kind = 'teammate' and s.status is null and s.porter_id is null""", Map.of("fallback", run.fallbackUserId()));
        }
        sql("""
                update mig_stage set status = 'failed', reason = 'no email: a teammate is matched and created by email; choose a fallback teammate'
                where kind = 'teammate' and status is null and porter_id is null and d->>'email_key' is null""");
        // someone who signs in to another workspace: the same person, added here inactive
        sql("""
                update mig_stage s set porter_id = u.id, created = true,
                  reason = 'added as an inactive teammate (a Porter user of another workspace has this email)'
                from app_user u where s.kind = 'teammate' and s.status is null and s.porter_id is null and u.email = s.d->>'email_key'""");
        sql("""
                with firsts as (select min(seq) seq from mig_stage where kind = 'teammate' and status is null and porter_id is null group by d->>'email_key')
                update mig_stage s set porter_id = nextval(pg_get_serial_sequence('app_user', 'id')), created = true,
                  reason = 'created inactive, without a password: cannot sign in until someone sets one'
                from firsts f where s.seq = f.seq""");
        sql("""
                insert into app_user (id, email, name, password_hash) overriding system value
                select porter_id, d->>'email_key', d->>'name', null from mig_stage s
                where kind = 'teammate' and status is null and created and not exists (select 1 from app_user u where u.id = s.porter_id)""");
        sql("""
                update mig_stage s set porter_id = f.porter_id, created = false from mig_stage f
                where s.kind = 'teammate' and f.kind = 'teammate' and s.status is null and s.porter_id is null and f.created
                  and f.d->>'email_key' = s.d->>'email_key'""");
        sql("""
                insert into workspace_member (workspace_id, user_id, role, active)
                select distinct :ws, porter_id, 'agent', false from mig_stage s where kind = 'teammate' and status is null and created
                on conflict do nothing""");
        sql("""
                update app_user u set name = s.d->>'name' from mig_stage s
                where s.kind = 'teammate' and s.status is null and u.id = s.porter_id and u.name is null and s.d->>'name' is not null""");
        mapRows("teammate");
    }

    private void teams() {
        resolveMapped("team", "team", "porter_id");
        sql("""
                update mig_stage s set porter_id = t.id from team t
                where s.kind = 'team' and s.status is null and s.porter_id is null and t.workspace_id = :ws and t.name = s.d->>'name'""");
        sql("""
                update mig_stage set status = 'failed', reason = 'a team needs a name'
                where kind = 'team' and status is null and porter_id is null and coalesce(btrim(d->>'name'), '') = ''""");
        sql("""
                with firsts as (select min(seq) seq from mig_stage where kind = 'team' and status is null and porter_id is null group by d->>'name')
                update mig_stage s set porter_id = nextval(pg_get_serial_sequence('team', 'id')), created = true from firsts f where s.seq = f.seq""");
        sql("""
                insert into team (workspace_id, id, name) overriding system value
                select :ws, porter_id, d->>'name' from mig_stage where kind = 'team' and status is null and created""");
        sql("""
                update mig_stage s set porter_id = f.porter_id from mig_stage f
                where s.kind = 'team' and f.kind = 'team' and s.status is null and s.porter_id is null and f.created and f.d->>'name' = s.d->>'name'""");
        sql("""
                insert into team_member (workspace_id, team_id, user_id)
                select distinct :ws, s.porter_id, m.porter_id from mig_stage s cross join jsonb_array_elements_text(s.d->'members') x(v)
                join migration_id_map m on m.workspace_id = :ws and m.source_system = :sys and m.record_type = 'teammate' and m.source_id = x.v
                join workspace_member w on w.workspace_id = :ws and w.user_id = m.porter_id
                where s.kind = 'team' and s.status is null
                on conflict do nothing""");
        mapRows("team");
    }

    private void teamMembers() {
        sql("""
                insert into team_member (workspace_id, team_id, user_id)
                select distinct :ws, t.porter_id, u.porter_id from mig_stage s
                join migration_id_map t on t.workspace_id = :ws and t.source_system = :sys and t.record_type = 'team' and t.source_id = s.parent_id
                join team tt on tt.workspace_id = :ws and tt.id = t.porter_id
                join migration_id_map u on u.workspace_id = :ws and u.source_system = :sys and u.record_type = 'teammate' and u.source_id = s.d->>'member'
                join workspace_member w on w.workspace_id = :ws and w.user_id = u.porter_id
                where s.kind = 'team_member' and s.status is null
                on conflict do nothing""");
    }

    private void companies() {
        resolveMapped("company", "company", "porter_id");
        sql("""
                update mig_stage s set porter_id = c.id from company c
                where s.kind = 'company' and s.status is null and s.porter_id is null and c.workspace_id = :ws
                  and c.external_id = s.d->>'external_id'""");
        allocate("company", "company");
        sql("""
                insert into company (workspace_id, id, name, external_id, website, industry, size, custom_attributes, created_at, updated_at)
                overriding system value
                select :ws, porter_id, coalesce(d->>'name', '(no name)'), d->>'external_id', d->>'website', d->>'industry', (d->>'size')::int,
                       coalesce(d->'custom', '{}'), coalesce(created_at, now()), coalesce(updated_at, created_at, now())
                from mig_stage where kind = 'company' and status is null and created""");
        sql("""
                update company c set name = coalesce(s.d->>'name', c.name), external_id = coalesce(s.d->>'external_id', c.external_id),
                  website = coalesce(s.d->>'website', c.website), industry = coalesce(s.d->>'industry', c.industry),
                  size = coalesce((s.d->>'size')::int, c.size), custom_attributes = c.custom_attributes || coalesce(s.d->'custom', '{}'),
                  updated_at = coalesce(s.updated_at, c.updated_at)
                from mig_stage s where s.kind = 'company' and s.status is null and not s.created and c.workspace_id = :ws and c.id = s.porter_id""");
        mapRows("company");
    }

    private void contacts() {
        // an import's chunk deciding on the same emails waits for this chunk, and this chunk for it
        IdentifierChanges.lockToChange(db, run.ws());
        resolveMapped("contact", "contact", "porter_uuid");
        // a contact of the workspace with the same email (the oldest, when several have it)
        sql("""
                update mig_stage s set porter_uuid = c.id, reason = concat_ws('; ', s.reason, 'matched an existing contact by email')
                from (select distinct on (email_key) email_key, id from contact where workspace_id = :ws and email_key in
                        (select d->>'email_key' from mig_stage where kind = 'contact' and status is null and porter_uuid is null)
                      order by email_key, created_at, id) c
                where s.kind = 'contact' and s.status is null and s.porter_uuid is null and c.email_key = s.d->>'email_key'""");
        sql("""
                with firsts as (select min(seq) seq from mig_stage where kind = 'contact' and status is null and porter_uuid is null
                                group by coalesce(d->>'email_key', 'seq:' || seq))
                update mig_stage s set porter_uuid = gen_random_uuid(), created = true from firsts f where s.seq = f.seq""");
        sql("""
                update mig_stage s set porter_uuid = f.porter_uuid,
                  reason = concat_ws('; ', s.reason, 'same email as source contact ' || f.source_id || ': merged into one contact')
                from mig_stage f where s.kind = 'contact' and f.kind = 'contact' and s.status is null and s.porter_uuid is null and f.created
                  and f.d->>'email_key' = s.d->>'email_key'""");
        sql("""
                insert into custom_field (workspace_id, key, label, type)
                select distinct on (k) :ws, k, k, case jsonb_typeof(v) when 'number' then 'number' when 'boolean' then 'boolean' else 'text' end
                from mig_stage s, jsonb_each(s.d->'custom') e(k, v)
                where s.kind = 'contact' and s.status is null and k ~ '^[a-z][a-z0-9_]{0,62}$'
                on conflict (workspace_id, key) do nothing""");
        sql("""
                insert into contact (workspace_id, id, role, name, email, email_key, phone, user_id, signed_up_at, last_seen_at,
                                     custom_attributes, created_at, updated_at)
                select :ws, porter_uuid, coalesce(d->>'role', 'user'), d->>'name', d->>'email', d->>'email_key', d->>'phone', d->>'user_id',
                       (d->>'signed_up_at')::timestamptz, (d->>'last_seen_at')::timestamptz, coalesce(d->'custom', '{}'),
                       coalesce(created_at, now()), coalesce(updated_at, created_at, now())
                from mig_stage where kind = 'contact' and status is null and created""");
        sql("""
                update contact c set name = coalesce(s.d->>'name', c.name), email = coalesce(s.d->>'email', c.email),
                  email_key = coalesce(s.d->>'email_key', c.email_key), phone = coalesce(s.d->>'phone', c.phone),
                  user_id = coalesce(s.d->>'user_id', c.user_id), role = coalesce(s.d->>'role', c.role),
                  signed_up_at = coalesce((s.d->>'signed_up_at')::timestamptz, c.signed_up_at),
                  last_seen_at = coalesce((s.d->>'last_seen_at')::timestamptz, c.last_seen_at),
                  custom_attributes = c.custom_attributes || coalesce(s.d->'custom', '{}'), updated_at = coalesce(s.updated_at, c.updated_at)
                from mig_stage s where s.kind = 'contact' and s.status is null and not s.created and c.workspace_id = :ws and c.id = s.porter_uuid""");
        sql("""
                insert into contact_company (workspace_id, contact_id, company_id)
                select distinct :ws, s.porter_uuid, m.porter_id from mig_stage s cross join jsonb_array_elements_text(s.d->'companies') x(v)
                join migration_id_map m on m.workspace_id = :ws and m.source_system = :sys and m.record_type = 'company' and m.source_id = x.v
                join company c on c.workspace_id = :ws and c.id = m.porter_id
                where s.kind = 'contact' and s.status is null
                on conflict do nothing""");
        mapRows("contact");
    }

    /** The contact, assignee and team of conversations and tickets, and the unassigned rule. */
    private void people(String kind) {
        ref(kind, "ref_contact", "contact", "contact", "contact", "porter_uuid");
        ref(kind, "ref_user", "assignee", "teammate", "workspace_member", "porter_id");
        ref(kind, "ref_team", "team", "team", "team", "porter_id");
        warn(kind, "s.ref_contact is null and s.d->>'contact' is not null", "'its contact ' || (s.d->>'contact') || ' is not in the export'");
        warn(kind, "s.ref_user is null and s.d->>'assignee' is not null", "'its assignee ' || (s.d->>'assignee') || ' is not in the export: unassigned'");
        if (run.unassignedTeamId() != null) {
            sql("""
                    update mig_stage s set ref_team = :team, reason = concat_ws('; ', s.reason, 'unassigned: given to the chosen team')
                    where s.kind = :kind and s.status is null and s.ref_user is null and s.ref_team is null""",
                    Map.of("kind", kind, "team", run.unassignedTeamId()));
        }
    }

    private void conversations() {
        resolveMapped("conversation", "conversation", "porter_id");
        allocate("conversation", "conversation");
        people("conversation");
        sql("""
                insert into conversation (workspace_id, id, title, state, priority, contact_id, assignee_user_id, team_id, source_type,
                                          delivered_as, custom_attributes, read, created_at, updated_at)
                overriding system value
                select :ws, porter_id, d->>'title', d->>'state', coalesce((d->>'priority')::boolean, false), ref_contact, ref_user, ref_team,
                       d->>'source_type', d->>'delivered_as', coalesce(d->'custom', '{}'), true,
                       coalesce(created_at, now()), coalesce(updated_at, created_at, now())
                from mig_stage where kind = 'conversation' and status is null and created""");
        sql("""
                update conversation c set title = s.d->>'title', state = s.d->>'state', priority = coalesce((s.d->>'priority')::boolean, false),
                  contact_id = s.ref_contact, assignee_user_id = s.ref_user, team_id = s.ref_team, source_type = s.d->>'source_type',
                  delivered_as = s.d->>'delivered_as', custom_attributes = coalesce(s.d->'custom', '{}'),
                  created_at = coalesce(s.created_at, c.created_at), updated_at = coalesce(s.updated_at, c.updated_at)
                from mig_stage s where s.kind = 'conversation' and s.status is null and not s.created and c.workspace_id = :ws and c.id = s.porter_id""");
        sql("""
                insert into tag (workspace_id, name)
                select distinct :ws, btrim(x.v) from mig_stage s cross join jsonb_array_elements_text(s.d->'tags') x(v)
                where s.kind = 'conversation' and s.status is null and btrim(x.v) <> ''
                on conflict (workspace_id, name) do nothing""");
        sql("""
                insert into conversation_tag (workspace_id, conversation_id, tag_id)
                select distinct :ws, s.porter_id, t.id from mig_stage s cross join jsonb_array_elements_text(s.d->'tags') x(v)
                join tag t on t.workspace_id = :ws and t.name = btrim(x.v)
                where s.kind = 'conversation' and s.status is null
                on conflict do nothing""");
        mapRows("conversation");
    }

    private void tickets() {
        resolveMapped("ticket", "ticket", "porter_id");
        allocate("ticket", "ticket");
        people("ticket");
        sql("""
                insert into ticket_type (workspace_id, name, category)
                select distinct on (d->>'type_name') :ws, d->>'type_name', d->>'category' from mig_stage
                where kind = 'ticket' and status is null and d->>'type_name' is not null
                order by d->>'type_name', seq
                on conflict (workspace_id, name) do nothing""");
        sql("""
                update mig_stage s set ref_type = t.id from ticket_type t
                where s.kind = 'ticket' and s.status is null and t.workspace_id = :ws and t.name = s.d->>'type_name'""");
        // the source's ticket number when it is free; else the next after the highest
        sql("""
                update mig_stage s set number = (s.d->>'number')::bigint
                where s.kind = 'ticket' and s.status is null and s.created and s.d->>'number' is not null
                  and not exists (select 1 from ticket t where t.workspace_id = :ws and t.ticket_number = (s.d->>'number')::bigint)
                  and not exists (select 1 from mig_stage o where o.kind = 'ticket' and o.seq < s.seq and o.d->>'number' = s.d->>'number')""");
        sql("""
                with base as (select greatest(coalesce((select max(ticket_number) from ticket where workspace_id = :ws), 0),
                                              coalesce((select max(number) from mig_stage where kind = 'ticket'), 0)) b),
                     n as (select seq, row_number() over (order by seq) rn from mig_stage
                           where kind = 'ticket' and status is null and created and number is null)
                update mig_stage s set number = base.b + n.rn,
                  reason = case when s.d->>'number' is null then s.reason
                                else concat_ws('; ', s.reason, 'ticket number ' || (s.d->>'number') || ' was taken: numbered ' || (base.b + n.rn)) end
                from n, base where s.seq = n.seq""");
        sql("""
                insert into ticket (workspace_id, id, ticket_number, ticket_type_id, category, state, title, description, contact_id,
                                    assignee_user_id, team_id, custom_attributes, created_at, updated_at)
                overriding system value
                select :ws, porter_id, number, ref_type, coalesce(d->>'category', 'customer'), d->>'state', coalesce(d->>'title', '(no subject)'),
                       d->>'description', ref_contact, ref_user, ref_team, coalesce(d->'custom', '{}'),
                       coalesce(created_at, now()), coalesce(updated_at, created_at, now())
                from mig_stage where kind = 'ticket' and status is null and created""");
        sql("""
                update ticket t set ticket_type_id = s.ref_type, category = coalesce(s.d->>'category', t.category), state = s.d->>'state',
                  title = coalesce(s.d->>'title', t.title), description = s.d->>'description', contact_id = s.ref_contact,
                  assignee_user_id = s.ref_user, team_id = s.ref_team, custom_attributes = coalesce(s.d->'custom', '{}'),
                  created_at = coalesce(s.created_at, t.created_at), updated_at = coalesce(s.updated_at, t.updated_at)
                from mig_stage s where s.kind = 'ticket' and s.status is null and not s.created and t.workspace_id = :ws and t.id = s.porter_id""");
        mapRows("ticket");
    }

    private void parts(String kind, String parentType, String table, String parentColumn) {
        ref(kind, "ref_parent", "parent_id", parentType, parentType, "porter_id");
        sql("update mig_stage set status = 'skipped', reason = 'its " + parentType + " ' || parent_id || ' was not migrated'"
                + " where kind = :kind and status is null and ref_parent is null", Map.of("kind", kind));
        resolveMapped(kind, table, "porter_id");
        allocate(kind, table);
        // authors: a teammate, a contact, or (a Zendesk or Freshdesk user) whichever of the two they are
        sql("""
                update mig_stage s set ref_user = m.porter_id from migration_id_map m join workspace_member w on w.workspace_id = m.workspace_id and w.user_id = m.porter_id
                where s.kind = :kind and s.status is null and s.d->>'author_kind' in ('teammate', 'user', 'unknown')
                  and m.workspace_id = :ws and m.source_system = :sys and m.record_type = 'teammate' and m.source_id = s.d->>'author_id'""",
                Map.of("kind", kind));
        sql("""
                update mig_stage s set ref_contact = m.porter_uuid from migration_id_map m join contact c on c.workspace_id = m.workspace_id and c.id = m.porter_uuid
                where s.kind = :kind and s.status is null and s.ref_user is null and s.d->>'author_kind' in ('contact', 'user', 'unknown')
                  and m.workspace_id = :ws and m.source_system = :sys and m.record_type = 'contact' and m.source_id = s.d->>'author_id'""",
                Map.of("kind", kind));
        if (run.fallbackUserId() != null) {
            sql("""
                    update mig_stage s set ref_user = :fallback where s.kind = :kind and s.status is null and s.ref_user is null and s.ref_contact is null
                      and (s.d->>'author_kind' = 'teammate' or s.d->>'part_type' = 'note') and s.d->>'author_id' is not null""",
                    Map.of("kind", kind, "fallback", run.fallbackUserId()));
        }
        warn(kind, "s.ref_user is null and s.ref_contact is null and s.d->>'author_id' is not null",
                "'its author ' || (s.d->>'author_id') || ' is not in the export'");
        if (kind.equals("conversation_part")) {
            ref(kind, "ref_user2", "assigned_teammate", "teammate", "workspace_member", "porter_id");
            ref(kind, "ref_team2", "assigned_team", "team", "team", "porter_id");
        }
        // new parts go after the parent's existing ones, in the source's order
        sql("with mx as (select p." + parentColumn + " pid, max(p.position) m from " + table + " p where p.workspace_id = :ws and p." + parentColumn
                + " in (select ref_parent from mig_stage where kind = :kind and status is null) group by 1),"
                + " numbered as (select s.seq, coalesce(mx.m, 0) + row_number() over (partition by s.ref_parent order by (s.d->>'pos')::int nulls last,"
                + " s.created_at nulls last, s.seq) pos from mig_stage s left join mx on mx.pid = s.ref_parent"
                + " where s.kind = :kind and s.status is null and s.created)"
                + " update mig_stage s set position = n.pos from numbered n where s.seq = n.seq", Map.of("kind", kind));
        String authorType = "case when s.d->>'author_kind' = 'bot' then 'bot' when s.ref_user is not null then 'teammate'"
                + " when s.ref_contact is not null then 'contact' when s.d->>'author_kind' = 'teammate' or s.d->>'part_type' = 'note' then 'teammate'"
                + " when s.d->>'author_id' is null and s.d->>'author_kind' <> 'contact' then 'system' else 'contact' end";
        if (kind.equals("conversation_part")) {
            sql("insert into conversation_part (workspace_id, id, conversation_id, position, part_type, author_type, author_contact_id, author_user_id,"
                    + " body_html, assigned_to_user_id, assigned_to_team_id, created_at) overriding system value"
                    + " select :ws, s.porter_id, s.ref_parent, s.position, s.d->>'part_type', " + authorType + ", s.ref_contact, s.ref_user,"
                    + " s.d->>'body', s.ref_user2, s.ref_team2, coalesce(s.created_at, now())"
                    + " from mig_stage s where s.kind = :kind and s.status is null and s.created", Map.of("kind", kind));
            sql("update conversation_part p set part_type = s.d->>'part_type', author_type = " + authorType + ", author_contact_id = s.ref_contact,"
                    + " author_user_id = s.ref_user, body_html = s.d->>'body', assigned_to_user_id = s.ref_user2, assigned_to_team_id = s.ref_team2,"
                    + " created_at = coalesce(s.created_at, p.created_at)"
                    + " from mig_stage s where s.kind = :kind and s.status is null and not s.created and p.workspace_id = :ws and p.id = s.porter_id",
                    Map.of("kind", kind));
        } else {
            sql("insert into ticket_part (workspace_id, id, ticket_id, position, part_type, author_type, author_contact_id, author_user_id,"
                    + " body_html, previous_state, new_state, created_at) overriding system value"
                    + " select :ws, s.porter_id, s.ref_parent, s.position, s.d->>'part_type', " + authorType + ", s.ref_contact, s.ref_user,"
                    + " s.d->>'body', s.d->>'previous_state', s.d->>'new_state', coalesce(s.created_at, now())"
                    + " from mig_stage s where s.kind = :kind and s.status is null and s.created", Map.of("kind", kind));
            sql("update ticket_part p set part_type = s.d->>'part_type', author_type = " + authorType + ", author_contact_id = s.ref_contact,"
                    + " author_user_id = s.ref_user, body_html = s.d->>'body', created_at = coalesce(s.created_at, p.created_at)"
                    + " from mig_stage s where s.kind = :kind and s.status is null and not s.created and p.workspace_id = :ws and p.id = s.porter_id",
                    Map.of("kind", kind));
        }
        if (kind.equals("conversation_part")) {
            sql("""
                    update conversation c set parts_count = (select count(*) from conversation_part p where p.workspace_id = :ws and p.conversation_id = c.id)
                    where c.workspace_id = :ws and c.id in (select ref_parent from mig_stage where kind = 'conversation_part' and status is null)""");
        }
        mapRows(kind);
    }

    private void attachments() {
        sql("""
                update mig_stage s set ref_parent = m.porter_id from migration_id_map m
                where s.kind = 'attachment' and s.status is null and m.workspace_id = :ws and m.source_system = :sys
                  and m.record_type = s.d->>'parent_type' and m.source_id = s.parent_id""");
        sql("""
                update mig_stage set status = 'skipped', reason = 'its part ' || parent_id || ' was not migrated'
                where kind = 'attachment' and status is null and ref_parent is null""");
        resolveMapped("attachment", "attachment", "porter_id");
        allocate("attachment", "attachment");
        sql("""
                insert into attachment (workspace_id, id, parent_type, parent_id, file_name, content_type, size_bytes, sha256, storage_key, created_at)
                overriding system value
                select :ws, porter_id, d->>'parent_type', ref_parent, d->>'file_name', d->>'content_type', (d->>'size')::bigint, d->>'sha256',
                       d->>'storage_key', coalesce(created_at, now())
                from mig_stage where kind = 'attachment' and status is null and created""");
        sql("""
                update attachment a set parent_type = s.d->>'parent_type', parent_id = s.ref_parent, file_name = s.d->>'file_name',
                  content_type = s.d->>'content_type', size_bytes = (s.d->>'size')::bigint, sha256 = s.d->>'sha256', storage_key = s.d->>'storage_key'
                from mig_stage s where s.kind = 'attachment' and s.status is null and not s.created and a.workspace_id = :ws and a.id = s.porter_id""");
        mapRows("attachment");
    }

    private void categories() {
        resolveMapped("kb_category", "kb_category", "porter_id");
        allocate("kb_category", "kb_category");
        sql("""
                insert into kb_category (workspace_id, id, name, description, position, created_at, updated_at) overriding system value
                select :ws, porter_id, coalesce(d->>'name', '(no name)'), d->>'description', coalesce((d->>'position')::int, 0),
                       coalesce(created_at, now()), coalesce(updated_at, created_at, now())
                from mig_stage where kind = 'kb_category' and status is null and created""");
        sql("""
                update kb_category c set name = coalesce(s.d->>'name', c.name), description = s.d->>'description',
                  position = coalesce((s.d->>'position')::int, c.position), updated_at = coalesce(s.updated_at, c.updated_at)
                from mig_stage s where s.kind = 'kb_category' and s.status is null and not s.created and c.workspace_id = :ws and c.id = s.porter_id""");
        mapRows("kb_category");
    }

    /** The Porter id of a place the migration creates for records without a parent, creating it when needed. */
    long defaultPlace(String type, String sourceId, String name, Long categoryId) {
        Long existing = db.sql("""
                select m.porter_id from migration_id_map m join """ + " " + type + """
                 t on t.workspace_id = m.workspace_id and t.id = m.porter_id
                where m.workspace_id = ? and m.source_system = ? and m.record_type = ? and m.source_id = ?""")
                .params(run.ws(), run.system(), type, sourceId).query(Long.class).optional().orElse(null);
        if (existing != null) {
            if (!run.demo()) {
                db.sql("update migration_id_map set demo = false where workspace_id = ? and source_system = ? and record_type = ? and source_id = ?")
                        .params(run.ws(), run.system(), type, sourceId).update();
            }
            return existing;
        }
        long id = type.equals("kb_category")
                ? db.sql("insert into kb_category (workspace_id, name) values (?, ?) returning id").params(run.ws(), name).query(Long.class).single()
                : db.sql("insert into kb_folder (workspace_id, category_id, name) values (?, ?, ?) returning id")
                        .params(run.ws(), categoryId, name).query(Long.class).single();
        db.sql("""
                insert into migration_id_map (workspace_id, source_system, record_type, source_id, porter_id, created, demo, first_run_id, last_run_id)
                values (?, ?, ?, ?, ?, true, ?, ?, ?)
                on conflict (workspace_id, source_system, record_type, source_id) do update set porter_id = excluded.porter_id,
                  created = true, demo = excluded.demo, last_run_id = excluded.last_run_id""")
                .params(run.ws(), run.system(), type, sourceId, id, run.demo(), run.runId(), run.runId()).update();
        return id;
    }

    static final String DEFAULT_CATEGORY = "Default source category";
    static final String DEFAULT_FOLDER = "Default source folder";

    private long defaultCategory() {
        return defaultPlace("kb_category", "__default__", DEFAULT_CATEGORY, null);
    }

    private void folders() {
        ref("kb_folder", "ref_parent", "category", "kb_category", "kb_category", "porter_id");
        if (any("kb_folder") && db.sql("select exists (select 1 from mig_stage where kind = 'kb_folder' and status is null and ref_parent is null)")
                .query(Boolean.class).single()) {
            long cat = defaultCategory();
            sql("""
                    update mig_stage set ref_parent = :cat, reason = concat_ws('; ', reason, 'no category: placed in ' || :name)
                    where kind = 'kb_folder' and status is null and ref_parent is null""", Map.of("cat", cat, "name", DEFAULT_CATEGORY));
        }
        resolveMapped("kb_folder", "kb_folder", "porter_id");
        allocate("kb_folder", "kb_folder");
        sql("""
                insert into kb_folder (workspace_id, id, category_id, name, description, position, created_at, updated_at) overriding system value
                select :ws, porter_id, ref_parent, coalesce(d->>'name', '(no name)'), d->>'description', coalesce((d->>'position')::int, 0),
                       coalesce(created_at, now()), coalesce(updated_at, created_at, now())
                from mig_stage where kind = 'kb_folder' and status is null and created""");
        sql("""
                update kb_folder f set category_id = s.ref_parent, name = coalesce(s.d->>'name', f.name), description = s.d->>'description',
                  position = coalesce((s.d->>'position')::int, f.position), updated_at = coalesce(s.updated_at, f.updated_at)
                from mig_stage s where s.kind = 'kb_folder' and s.status is null and not s.created and f.workspace_id = :ws and f.id = s.porter_id""");
        mapRows("kb_folder");
    }

    private void articles() {
        // in a section: that folder
        sql("""
                update mig_stage s set ref_parent = m.porter_id from migration_id_map m join kb_folder f on f.workspace_id = m.workspace_id and f.id = m.porter_id
                where s.kind = 'article' and s.status is null and s.d->>'parent_type' = 'folder'
                  and m.workspace_id = :ws and m.source_system = :sys and m.record_type = 'kb_folder' and m.source_id = s.parent_id""");
        // directly under a collection: that category's default folder
        List<Map<String, Object>> underCategory = db.sql("""
                select distinct s.parent_id, m.porter_id from mig_stage s
                join migration_id_map m on m.workspace_id = ? and m.source_system = ? and m.record_type = 'kb_category' and m.source_id = s.parent_id
                join kb_category c on c.workspace_id = m.workspace_id and c.id = m.porter_id
                where s.kind = 'article' and s.status is null and s.ref_parent is null and s.d->>'parent_type' = 'category'""")
                .params(run.ws(), run.system()).query().listOfRows();
        for (Map<String, Object> r : underCategory) {
            long folder = defaultPlace("kb_folder", "__default__:" + r.get("parent_id"), DEFAULT_FOLDER, ((Number) r.get("porter_id")).longValue());
            sql("""
                    update mig_stage set ref_parent = :folder,
                      reason = concat_ws('; ', reason, 'directly under its collection: placed in ' || :name || ' of that category')
                    where kind = 'article' and status is null and ref_parent is null and d->>'parent_type' = 'category' and parent_id = :parent""",
                    Map.of("folder", folder, "name", DEFAULT_FOLDER, "parent", r.get("parent_id")));
        }
        // no parent, or a parent not in the export: the default folder of the default category
        if (db.sql("select exists (select 1 from mig_stage where kind = 'article' and status is null and ref_parent is null)").query(Boolean.class).single()) {
            long folder = defaultPlace("kb_folder", "__default__:__default__", DEFAULT_FOLDER, defaultCategory());
            sql("""
                    update mig_stage set ref_parent = :folder,
                      reason = concat_ws('; ', reason, case when parent_id is null then 'no parent' else 'its parent ' || parent_id || ' is not in the export' end
                                         || ': placed in ' || :name || ' of ' || :cat)
                    where kind = 'article' and status is null and ref_parent is null""",
                    Map.of("folder", folder, "name", DEFAULT_FOLDER, "cat", DEFAULT_CATEGORY));
        }
        ref("article", "ref_user", "author", "teammate", "workspace_member", "porter_id");
        resolveMapped("article", "kb_article", "porter_id");
        allocate("article", "kb_article");
        sql("""
                insert into kb_article (workspace_id, id, folder_id, author_user_id, default_locale, created_at, updated_at) overriding system value
                select :ws, porter_id, ref_parent, ref_user, coalesce(d->>'locale', 'en'), coalesce(created_at, now()), coalesce(updated_at, created_at, now())
                from mig_stage where kind = 'article' and status is null and created""");
        sql("""
                update kb_article a set folder_id = s.ref_parent, author_user_id = s.ref_user, default_locale = coalesce(s.d->>'locale', a.default_locale),
                  created_at = coalesce(s.created_at, a.created_at), updated_at = coalesce(s.updated_at, a.updated_at)
                from mig_stage s where s.kind = 'article' and s.status is null and not s.created and a.workspace_id = :ws and a.id = s.porter_id""");
        mapRows("article");
    }

    private void translations() {
        ref("translation", "ref_parent", "parent_id", "article", "kb_article", "porter_id");
        sql("""
                update mig_stage set status = 'skipped', reason = 'its article ' || parent_id || ' was not migrated'
                where kind = 'translation' and status is null and ref_parent is null""");
        sql("""
                insert into kb_article_translation (workspace_id, article_id, locale, title, body_html, state, created_at, updated_at)
                select distinct on (ref_parent, d->>'locale') :ws, ref_parent, d->>'locale', coalesce(d->>'title', '(untitled)'), d->>'body',
                       d->>'state', coalesce(created_at, now()), coalesce(updated_at, created_at, now())
                from mig_stage where kind = 'translation' and status is null
                order by ref_parent, d->>'locale', seq desc
                on conflict (workspace_id, article_id, locale) do update set title = excluded.title, body_html = excluded.body_html,
                  state = excluded.state, created_at = excluded.created_at, updated_at = excluded.updated_at""");
    }

    private void report() {
        sql("""
                insert into migration_report_row (workspace_id, run_id, record_type, source_id, porter_id, status, reason)
                select distinct on (kind, source_id) :ws, :run, kind, source_id, coalesce(porter_id::text, porter_uuid::text), status, reason
                from mig_stage
                where kind in ('teammate', 'team', 'company', 'contact', 'conversation', 'ticket', 'attachment', 'kb_category', 'kb_folder', 'article')
                   or (status <> 'migrated' and kind in ('conversation_part', 'ticket_part', 'translation'))
                order by kind, source_id, seq
                on conflict (workspace_id, run_id, record_type, source_id) do update set porter_id = excluded.porter_id,
                  status = excluded.status, reason = excluded.reason""");
        sql("""
                insert into migration_run_total (workspace_id, run_id, record_type, migrated, failed, skipped)
                select :ws, :run, kind, count(*) filter (where status = 'migrated'), count(*) filter (where status = 'failed'),
                       count(*) filter (where status = 'skipped')
                from mig_stage where kind <> 'team_member' group by kind
                on conflict (workspace_id, run_id, record_type) do update set migrated = migration_run_total.migrated + excluded.migrated,
                  failed = migration_run_total.failed + excluded.failed, skipped = migration_run_total.skipped + excluded.skipped""");
    }
}
