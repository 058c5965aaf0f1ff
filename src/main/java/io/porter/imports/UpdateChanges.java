package io.porter.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.contacts.StandardField;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the import will change on the contacts that some reviewed rows update: each row's staged values beside its
 * contact's, put through the rules {@link ApplyStatements} applies (the default overwrites, a blank cell clears;
 * 'do not overwrite' only fills empty fields; a tags column in the default mode replaces the contact's tags). For a
 * page of rows at a time: one statement joins them to their contacts.
 */
@Component
class UpdateChanges {

    private static final String SELECT;

    static {
        StringBuilder cols = new StringBuilder("s.row_no");
        for (StandardField f : StandardField.values()) {
            cols.append(", s.").append(f.column()).append(" as s_").append(f.column())
                .append(", c.").append(f.column()).append(" as c_").append(f.column());
        }
        SELECT = "select " + cols + """
                , s.custom::text as s_custom, s.custom_blank, s.tags, c.custom_attributes::text as c_custom,
                  array(select t.name from tag t where t.workspace_id = c.workspace_id and t.id = any(c.tag_ids) order by t.name) as c_tags
                from import_row s join contact c on c.workspace_id = s.workspace_id and c.id = s.contact_id
                where s.workspace_id = :ws and s.import_id = :id and s.status = 'updated'
                  -- the bounds keep the look-up on the index however little the planner knows of import_row (a list
                  -- alone was a filter over every row of the import when its statistics were stale)
                  and s.row_no between :first and :last and s.row_no in (:rows)""";
    }

    private final JdbcClient db;
    private final ObjectMapper json;

    UpdateChanges(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The standard fields an update writes: the mapped ones; the role has a rule of its own. */
    static List<StandardField> written(ImportPlan plan) {
        return Arrays.stream(StandardField.values()).filter(f -> plan.maps(f) && f != StandardField.ROLE).toList();
    }

    /** Whether the plan's updates may leave a field of the contact empty: only the default mode writes blank cells. */
    static boolean clears(ImportPlan plan, StandardField f) {
        return !plan.options().noOverwrite() && !(f == StandardField.USER_ID && plan.identifier() != Identifier.USER_ID);
    }

    /** The changes of those of {@code rows} that update a contact, by row number. */
    Map<Integer, List<FieldChange>> of(long ws, long importId, ImportPlan plan, List<Integer> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<Integer, List<FieldChange>> out = new HashMap<>();
        db.sql(SELECT).param("ws", ws).param("id", importId).param("rows", rows)
                .param("first", rows.stream().mapToInt(Integer::intValue).min().orElseThrow())
                .param("last", rows.stream().mapToInt(Integer::intValue).max().orElseThrow())
                .query((ResultSet rs) -> {
                    out.put(rs.getInt("row_no"), changes(rs, plan));
                });
        return out;
    }

    private List<FieldChange> changes(ResultSet rs, ImportPlan plan) throws SQLException {
        boolean keep = plan.options().noOverwrite();
        List<FieldChange> out = new ArrayList<>();
        for (StandardField f : written(plan)) {
            Object before = value(rs, "c_", f);
            Object staged = value(rs, "s_", f);
            Object after;
            if (f == StandardField.USER_ID && plan.identifier() != Identifier.USER_ID) {
                after = before != null ? before : staged;   // never changes a user_id it does not match by
            } else if (keep) {
                after = before != null && !"".equals(before) ? before : staged;
            } else {
                after = staged;
            }
            add(out, f.key(), before, after);
        }
        if (plan.maps(StandardField.ROLE) && !keep) {
            Object before = rs.getString("c_role");
            Object staged = rs.getString("s_role");
            add(out, StandardField.ROLE.key(), before, staged != null ? staged : before);
        }
        if (plan.targets().values().stream().anyMatch(t -> t instanceof ColumnTarget.Custom)) {
            customChanges(rs, keep, out);
        }
        tagChanges(rs, plan, keep, out);
        return out;
    }

    private void customChanges(ResultSet rs, boolean keep, List<FieldChange> out) throws SQLException {
        JsonNode contact = read(rs.getString("c_custom"));
        JsonNode staged = read(rs.getString("s_custom"));
        if (!keep) {
            for (String key : strings(rs.getArray("custom_blank"))) {
                JsonNode before = contact.get(key);
                if (before != null && !before.isNull()) {
                    out.add(new FieldChange(ColumnMapping.CUSTOM_PREFIX + key, before, null));
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = staged.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode before = contact.get(e.getKey());
            // 'do not overwrite' only adds the keys the contact lacks
            JsonNode after = keep && before != null ? before : e.getValue();
            if (!Objects.equals(before, after)) {
                out.add(new FieldChange(ColumnMapping.CUSTOM_PREFIX + e.getKey(), before, after));
            }
        }
    }

    private static void tagChanges(ResultSet rs, ImportPlan plan, boolean keep, List<FieldChange> out) throws SQLException {
        List<String> before = strings(rs.getArray("c_tags"));
        List<String> cell = strings(rs.getArray("tags"));
        List<String> batch = plan.options().batchTags();
        Set<String> after = new LinkedHashSet<>();
        if (plan.mapsTags() && !keep) {
            after.addAll(cell);     // the tags column replaces the contact's tags
        } else if (!batch.isEmpty() || !cell.isEmpty()) {
            after.addAll(before);
            after.addAll(cell);
        } else {
            return;
        }
        after.addAll(batch);
        if (!after.equals(new LinkedHashSet<>(before))) {
            out.add(new FieldChange(ColumnMapping.TAGS, before, after.stream().sorted().toList()));
        }
    }

    private static Object value(ResultSet rs, String side, StandardField f) throws SQLException {
        String column = side + f.column();
        if (f.isTime()) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        return rs.getString(column);
    }

    private static void add(List<FieldChange> out, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(new FieldChange(field, before, after));
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private JsonNode read(String text) {
        if (text == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable custom attributes", e);
        }
    }
}
