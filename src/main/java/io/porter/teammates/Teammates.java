package io.porter.teammates;

import io.porter.api.ApiException;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.outbox.DomainEvents;
import io.porter.users.Role;
import io.porter.users.Users;
import io.porter.values.InvalidValueException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The teammates of a workspace: its members (table {@code workspace_member}) with the person's name and email
 * ({@code app_user}). A teammate added here has no password until one is set ({@code porter user add}), so cannot
 * sign in yet. Name and email belong to the person, not the workspace: they change here only while the person
 * belongs to this workspace alone, so one workspace never renames someone another workspace knows.
 */
@Service
public class Teammates {

    static final int MAX_NAME = 200;
    private static final String SELECT = """
            select u.id, u.name, u.email, m.role, m.active, u.password_hash is not null as can_sign_in, m.created_at
            from workspace_member m join app_user u on u.id = m.user_id
            """;

    private final JdbcClient db;
    private final DomainEvents events;

    Teammates(JdbcClient db, DomainEvents events) {
        this.db = db;
        this.events = events;
    }

    public Page<Teammate> list(long ws, Boolean active, String role, Paging paging) {
        String r = role == null || role.isBlank() ? null : parseRole(role).key();
        String where = "where m.workspace_id = ? and (?::boolean is null or m.active = ?::boolean) and (?::text is null or m.role = ?::text) ";
        List<Teammate> data = db.sql(SELECT + where + "order by lower(coalesce(u.name, u.email)), u.id limit ? offset ?")
                .params(ws, active, active, r, r, paging.perPage(), paging.offset()).query(Teammates::map).list();
        long total = db.sql("select count(*) from workspace_member m " + where).params(ws, active, active, r, r)
                .query(Long.class).single();
        return paging.page(data, total);
    }

    /** Every active teammate, by name: for the pages' assignee choices. */
    public List<Teammate> active(long ws) {
        return db.sql(SELECT + "where m.workspace_id = ? and m.active order by lower(coalesce(u.name, u.email)), u.id")
                .param(ws).query(Teammates::map).list();
    }

    public Teammate get(long ws, long id) {
        return db.sql(SELECT + "where m.workspace_id = ? and m.user_id = ?").params(ws, id).query(Teammates::map)
                .optional().orElseThrow(() -> notFound(id));
    }

    /** The teammate, who must be active here: for assignments and authorship. 404 when not a member. */
    public Teammate requireActive(long ws, long id) {
        Teammate t = get(ws, id);
        if (!t.active()) {
            throw ApiException.conflict("Teammate " + id + " is not active in this workspace; reactivate them first");
        }
        return t;
    }

    @Transactional
    public Teammate create(long ws, JsonBody body) {
        String email = Users.normalise(body.requiredText("email", 254));
        if (!email.contains("@") || email.startsWith("@") || email.endsWith("@")) {
            throw new InvalidValueException("email", email, "is not an email address");
        }
        String name = body.text("name", MAX_NAME);
        Role role = body.has("role") && !body.text("role", 20).isBlank() ? parseRole(body.text("role", 20)) : Role.AGENT;
        Boolean active = body.bool("active");
        db.sql("insert into app_user (email, name) values (?, ?) on conflict (email) do nothing").params(email, name).update();
        long userId = db.sql("select id from app_user where email = ?").param(email).query(Long.class).single();
        int added = db.sql("""
                insert into workspace_member (workspace_id, user_id, role, active) values (?, ?, ?, ?)
                on conflict do nothing""").params(ws, userId, role.key(), active == null || active).update();
        if (added == 0) {
            throw ApiException.conflict("A teammate with email '" + email + "' exists already in this workspace (id " + userId + ")");
        }
        Teammate t = get(ws, userId);
        events.record(ws, "teammate.created", Long.toString(userId), payload(t));
        return t;
    }

    @Transactional
    public Teammate update(long ws, long id, JsonBody body) {
        Teammate before = db.sql(SELECT + "where m.workspace_id = ? and m.user_id = ? for update of m").params(ws, id)
                .query(Teammates::map).optional().orElseThrow(() -> notFound(id));
        if (body.has("name") || body.has("email")) {
            long elsewhere = db.sql("select count(*) from workspace_member where user_id = ? and workspace_id <> ?")
                    .params(id, ws).query(Long.class).single();
            if (elsewhere > 0) {
                throw ApiException.conflict("Teammate " + id + " also belongs to another workspace, so their name and "
                        + "email are theirs to change, not this workspace's");
            }
            if (body.has("name")) {
                db.sql("update app_user set name = ? where id = ?").params(body.text("name", MAX_NAME), id).update();
            }
            if (body.has("email")) {
                String email = Users.normalise(body.requiredText("email", 254));
                if (!email.contains("@")) {
                    throw new InvalidValueException("email", email, "is not an email address");
                }
                try {
                    db.sql("update app_user set email = ? where id = ?").params(email, id).update();
                } catch (org.springframework.dao.DuplicateKeyException e) {
                    throw ApiException.conflict("Another person has the email '" + email + "' already");
                }
            }
        }
        String role = body.has("role") ? parseRole(body.requiredText("role", 20)).key() : before.role();
        boolean active = body.has("active") ? Boolean.TRUE.equals(body.bool("active")) : before.active();
        if (body.has("active") && body.bool("active") == null) {
            throw new InvalidValueException("active", "null", "must be true or false");
        }
        if (before.role().equals("owner") && before.active() && (!role.equals("owner") || !active)) {
            long owners = db.sql("select count(*) from workspace_member where workspace_id = ? and role = 'owner' and active and user_id <> ?")
                    .params(ws, id).query(Long.class).single();
            if (owners == 0) {
                throw ApiException.conflict("Teammate " + id + " is the workspace's last active owner; make someone else owner first");
            }
        }
        db.sql("update workspace_member set role = ?, active = ? where workspace_id = ? and user_id = ?")
                .params(role, active, ws, id).update();
        Teammate after = get(ws, id);
        if (!after.equals(before)) {
            Map<String, Object> p = payload(after);
            p.put("previous", payload(before));
            events.record(ws, "teammate.updated", Long.toString(id), p);
        }
        return after;
    }

    static Map<String, Object> payload(Teammate t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("teammate_id", t.id());
        p.put("name", t.name());
        p.put("email", t.email());
        p.put("role", t.role());
        p.put("active", t.active());
        return p;
    }

    static Role parseRole(String raw) {
        try {
            return Role.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("role", raw, "is not a role; use owner, admin or agent");
        }
    }

    public static ApiException notFound(long id) {
        return ApiException.notFound("There is no teammate " + id + " in this workspace");
    }

    private static Teammate map(ResultSet rs, int n) throws SQLException {
        return new Teammate(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("role"),
                rs.getBoolean("active"), rs.getBoolean("can_sign_in"), rs.getTimestamp("created_at").toInstant());
    }
}
