package io.porter.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.api.Paging;
import io.porter.values.Email;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for table {@code contact}. Every statement names the workspace; column names come only from {@link StandardField}. */
@Repository
class ContactRepository {

    private static final String SELECT = "select c.*, " + ContactSql.TAG_NAMES + " as tags from contact c ";

    private final JdbcClient db;
    /** Fetches rows a batch at a time (inside a transaction), so exports do not hold a workspace in memory. */
    private final JdbcClient streaming;
    private final ObjectMapper json;

    ContactRepository(JdbcClient db, javax.sql.DataSource dataSource, ObjectMapper json) {
        this.db = db;
        org.springframework.jdbc.core.JdbcTemplate template = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        template.setFetchSize(1000);
        this.streaming = JdbcClient.create(template);
        this.json = json;
    }

    /** Waits for the import chunk deciding on this workspace's identifiers, if any (see {@link IdentifierChanges}). */
    void lockIdentifiers(long workspaceId) {
        IdentifierChanges.lockToChange(db, workspaceId);
    }

    UUID insert(long workspaceId, ContactValues values) {
        List<String> columns = new ArrayList<>(List.of("workspace_id", "custom_attributes"));
        List<String> placeholders = new ArrayList<>(List.of("?", "?::jsonb"));
        List<Object> params = new ArrayList<>(List.of(workspaceId, toJson(values.customSet())));
        values.standard().forEach((field, value) -> {
            if (value != null) {
                columns.add(field.column());
                placeholders.add(placeholder(field));
                params.add(StandardField.toColumn(value));
                if (value instanceof Email email) {
                    columns.add("email_key");
                    placeholders.add("?");
                    params.add(email.key());
                }
            }
        });
        return db.sql("insert into contact (" + String.join(", ", columns) + ") values ("
                        + String.join(", ", placeholders) + ") returning id")
                .params(params).query(UUID.class).single();
    }

    Optional<Contact> find(long workspaceId, UUID id) {
        return db.sql(SELECT + "where c.workspace_id = ? and c.id = ?").params(workspaceId, id)
                .query(this::map).optional();
    }

    boolean exists(long workspaceId, UUID id) {
        return db.sql("select exists (select 1 from contact where workspace_id = ? and id = ?)")
                .params(workspaceId, id).query(Boolean.class).single();
    }

    /**
     * Applies the values present; updated_at moves only when some value really differs from what was stored.
     * False when the workspace has no such contact.
     */
    boolean update(long workspaceId, UUID id, ContactValues values) {
        List<String> columns = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        values.standard().forEach((field, value) -> {
            columns.add(field.column());
            expressions.add(placeholder(field));
            params.add(StandardField.toColumn(value));
            if (field == StandardField.EMAIL) {
                columns.add("email_key");
                expressions.add("?::text");
                params.add(value == null ? null : ((Email) value).key());
            }
        });
        if (values.clearCustom()) {
            columns.add("custom_attributes");
            expressions.add("'{}'::jsonb");
        } else if (!values.customSet().isEmpty() || !values.customRemoved().isEmpty()) {
            columns.add("custom_attributes");
            expressions.add("(custom_attributes || ?::jsonb) - ?::text[]");
            params.add(toJson(values.customSet()));
            params.add(values.customRemoved().toArray(String[]::new));
        }
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            assignments.add(columns.get(i) + " = " + expressions.get(i));
        }
        // in an UPDATE the columns on the right-hand side are the old values, so this compares old with new
        String changed = "(" + String.join(", ", columns) + ") is distinct from (" + String.join(", ", expressions) + ")";
        List<Object> all = new ArrayList<>(params);
        all.addAll(params);
        all.add(workspaceId);
        all.add(id);
        return db.sql("update contact set " + String.join(", ", assignments)
                        + ", updated_at = case when " + changed + " then now() else updated_at end "
                        + "where workspace_id = ? and id = ?")
                .params(all).update() > 0;
    }

    boolean delete(long workspaceId, UUID id) {
        return db.sql("delete from contact where workspace_id = ? and id = ?").params(workspaceId, id).update() > 0;
    }

    void touch(long workspaceId, UUID id) {
        db.sql("update contact set updated_at = now() where workspace_id = ? and id = ?").params(workspaceId, id).update();
    }

    List<Contact> list(long workspaceId, ContactFilter filter, Paging paging) {
        Where where = where(workspaceId, filter);
        List<Object> params = new ArrayList<>(where.params());
        params.add(paging.perPage());
        params.add(paging.offset());
        return db.sql(SELECT + where.sql() + " order by c.created_at, c.id limit ? offset ?")
                .params(params).query(this::map).list();
    }

    /** Every matching contact, oldest first; call inside a transaction so the rows stream. */
    void forEach(long workspaceId, ContactFilter filter, java.util.function.Consumer<Contact> each) {
        // each row looks its tags up by id: with statistics that think the workspace has no tags, the planner
        // would walk all of them per contact instead (an export of 30,000 contacts with 30,000 tags: minutes, not seconds)
        io.porter.db.WorkspaceRows.of(db, "tag", workspaceId).refreshIfStale();
        Where where = where(workspaceId, filter);
        try (java.util.stream.Stream<Contact> rows = streaming.sql(SELECT + where.sql() + " order by c.created_at, c.id")
                .params(where.params()).query(this::map).stream()) {
            rows.forEach(each);
        }
    }

    long count(long workspaceId, ContactFilter filter) {
        Where where = where(workspaceId, filter);
        return db.sql("select count(*) from contact c " + where.sql()).params(where.params()).query(Long.class).single();
    }

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(long workspaceId, ContactFilter filter) {
        StringBuilder sql = new StringBuilder("where c.workspace_id = ?");
        List<Object> params = new ArrayList<>(List.of(workspaceId));
        if (filter.emailKey() != null) {
            sql.append(" and c.email_key = ?");
            params.add(filter.emailKey());
        }
        if (filter.phone() != null) {
            sql.append(" and c.phone = ?");
            params.add(filter.phone());
        }
        if (filter.userId() != null) {
            sql.append(" and c.user_id = ?");
            params.add(filter.userId());
        }
        if (filter.tag() != null) {
            // overlap with the tag's id (none when no tag has the name), which the GIN index on tag_ids answers
            sql.append(" and c.tag_ids && array(select t.id from tag t where t.workspace_id = ? and t.name = ?)");
            params.add(workspaceId);
            params.add(filter.tag());
        }
        if (filter.search() != null) {
            sql.append(" and (c.name ilike ? or c.first_name ilike ? or c.last_name ilike ?"
                    + " or concat_ws(' ', c.first_name, c.last_name) ilike ? or c.email_key like ?");
            for (int i = 0; i < 5; i++) {
                params.add(filter.search().likePattern());
            }
            if (filter.search().phone() != null) {
                sql.append(" or c.phone = ?");
                params.add(filter.search().phone());
            }
            sql.append(")");
        }
        return new Where(sql.toString(), params);
    }

    private static String placeholder(StandardField field) {
        return field.isTime() ? "?::timestamptz" : "?::text";
    }

    private String toJson(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Custom attributes could not be written as JSON", e);
        }
    }

    private Contact map(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        try {
            return new Contact(rs.getObject("id", UUID.class), rs.getString("role"), rs.getString("name"),
                    rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"), rs.getString("phone"),
                    rs.getString("user_id"), io.porter.db.Rows.instant(rs, "signed_up_at"), io.porter.db.Rows.instant(rs, "last_seen_at"),
                    rs.getString("last_ip"), rs.getString("city"), rs.getString("region"), rs.getString("country"),
                    rs.getString("avatar_url"), rs.getString("language"), json.readTree(rs.getString("custom_attributes")),
                    List.of((String[]) tags.getArray()), io.porter.db.Rows.instant(rs, "created_at"), io.porter.db.Rows.instant(rs, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom_attributes of a contact is not JSON", e);
        }
    }

}
