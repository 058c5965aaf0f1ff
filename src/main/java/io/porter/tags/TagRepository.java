package io.porter.tags;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for table {@code tag} and the tag ids on {@code contact}; every statement names the workspace. */
@Repository
class TagRepository {

    private final JdbcClient db;

    TagRepository(JdbcClient db) {
        this.db = db;
    }

    /** Creates the tag when the workspace has none by that name; true when the contact did not have it yet. */
    boolean attach(long workspaceId, UUID contactId, String name) {
        db.sql("insert into tag (workspace_id, name) values (?, ?) on conflict (workspace_id, name) do nothing")
                .params(workspaceId, name).update();
        // a second statement sees the tag even when a concurrent request created it first
        return db.sql("update contact c set tag_ids = c.tag_ids || t.id from tag t "
                        + "where c.workspace_id = ? and c.id = ? and t.workspace_id = c.workspace_id and t.name = ? "
                        + "and not c.tag_ids @> array[t.id]")
                .params(workspaceId, contactId, name).update() > 0;
    }

    /** True when the contact had the tag. */
    boolean detach(long workspaceId, UUID contactId, String name) {
        return db.sql("update contact c set tag_ids = array_remove(c.tag_ids, t.id) from tag t "
                        + "where c.workspace_id = ? and c.id = ? and t.workspace_id = c.workspace_id and t.name = ? "
                        + "and c.tag_ids @> array[t.id]")
                .params(workspaceId, contactId, name).update() > 0;
    }

    List<TagCount> counts(long workspaceId) {
        // one pass over the workspace's contacts, however many tags it has
        return db.sql("select t.name, coalesce(n.contacts, 0) as contact_count from tag t left join ("
                        + "select tag_id, count(*) as contacts from contact c cross join unnest(c.tag_ids) as tag_id "
                        + "where c.workspace_id = ? group by tag_id) n on n.tag_id = t.id "
                        + "where t.workspace_id = ? order by t.name collate \"C\"")
                .params(workspaceId, workspaceId)
                .query((rs, row) -> new TagCount(rs.getString("name"), rs.getLong("contact_count"))).list();
    }
}
