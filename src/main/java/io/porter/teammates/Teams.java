package io.porter.teammates;

import io.porter.api.ApiException;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.outbox.DomainEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams of a workspace and who is in them. */
@Service
public class Teams {

    static final int MAX_NAME = 100;

    private final JdbcClient db;
    private final Teammates teammates;
    private final DomainEvents events;

    Teams(JdbcClient db, Teammates teammates, DomainEvents events) {
        this.db = db;
        this.teammates = teammates;
        this.events = events;
    }

    public Page<Team> list(long ws, Paging paging) {
        List<Long> ids = db.sql("select id from team where workspace_id = ? order by lower(name), id limit ? offset ?")
                .params(ws, paging.perPage(), paging.offset()).query(Long.class).list();
        long total = db.sql("select count(*) from team where workspace_id = ?").param(ws).query(Long.class).single();
        return paging.page(ids.stream().map(id -> get(ws, id)).toList(), total);
    }

    public List<TeamRef> all(long ws) {
        return db.sql("select id, name from team where workspace_id = ? order by lower(name), id").param(ws)
                .query((rs, n) -> new TeamRef(rs.getLong(1), rs.getString(2))).list();
    }

    public Team get(long ws, long id) {
        return db.sql("select id, name, created_at from team where workspace_id = ? and id = ?").params(ws, id)
                .query((rs, n) -> new Team(rs.getLong("id"), rs.getString("name"), members(ws, id),
                        rs.getTimestamp("created_at").toInstant()))
                .optional().orElseThrow(() -> notFound(id));
    }

    /** 404 unless the workspace has this team. */
    public TeamRef ref(long ws, long id) {
        return db.sql("select id, name from team where workspace_id = ? and id = ?").params(ws, id)
                .query((rs, n) -> new TeamRef(rs.getLong(1), rs.getString(2))).optional().orElseThrow(() -> notFound(id));
    }

    private List<TeammateRef> members(long ws, long teamId) {
        return db.sql("""
                select u.id, u.name, u.email from team_member tm join app_user u on u.id = tm.user_id
                where tm.workspace_id = ? and tm.team_id = ? order by lower(coalesce(u.name, u.email)), u.id""")
                .params(ws, teamId).query((rs, n) -> new TeammateRef(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    @Transactional
    public Team create(long ws, JsonBody body) {
        String name = body.requiredText("name", MAX_NAME);
        long id;
        try {
            id = db.sql("insert into team (workspace_id, name) values (?, ?) returning id").params(ws, name)
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A team named '" + name + "' exists already");
        }
        Team t = get(ws, id);
        events.record(ws, "team.created", Long.toString(id), payload(t));
        return t;
    }

    @Transactional
    public Team update(long ws, long id, JsonBody body) {
        Team before = get(ws, id);
        if (body.has("name")) {
            String name = body.requiredText("name", MAX_NAME);
            try {
                db.sql("update team set name = ? where workspace_id = ? and id = ?").params(name, ws, id).update();
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict("A team named '" + name + "' exists already");
            }
        }
        Team after = get(ws, id);
        if (!after.name().equals(before.name())) {
            events.record(ws, "team.updated", Long.toString(id), payload(after));
        }
        return after;
    }

    @Transactional
    public void delete(long ws, long id) {
        Team t = get(ws, id);
        db.sql("delete from team where workspace_id = ? and id = ?").params(ws, id).update();
        events.record(ws, "team.deleted", Long.toString(id), payload(t));
    }

    @Transactional
    public Team addMember(long ws, long teamId, long userId) {
        get(ws, teamId);
        teammates.get(ws, userId);
        int added = db.sql("insert into team_member (workspace_id, team_id, user_id) values (?, ?, ?) on conflict do nothing")
                .params(ws, teamId, userId).update();
        Team t = get(ws, teamId);
        if (added > 0) {
            Map<String, Object> p = payload(t);
            p.put("teammate_id", userId);
            events.record(ws, "team.member_added", Long.toString(teamId), p);
        }
        return t;
    }

    @Transactional
    public Team removeMember(long ws, long teamId, long userId) {
        get(ws, teamId);
        teammates.get(ws, userId);
        int removed = db.sql("delete from team_member where workspace_id = ? and team_id = ? and user_id = ?")
                .params(ws, teamId, userId).update();
        Team t = get(ws, teamId);
        if (removed > 0) {
            Map<String, Object> p = payload(t);
            p.put("teammate_id", userId);
            events.record(ws, "team.member_removed", Long.toString(teamId), p);
        }
        return t;
    }

    private static Map<String, Object> payload(Team t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("team_id", t.id());
        p.put("name", t.name());
        p.put("member_ids", t.members().stream().map(TeammateRef::id).toList());
        return p;
    }

    public static ApiException notFound(long id) {
        return ApiException.notFound("There is no team " + id + " in this workspace");
    }
}
