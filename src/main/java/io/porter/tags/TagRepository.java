package io.porter.tags;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for tables {@code tag} and {@code contact_tag}; every statement names the workspace. */
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
        return db.sql("insert into contact_tag (workspace_id, contact_id, tag_id) "
                        + "select workspace_id, ?, id from tag where workspace_id = ? and name = ? on conflict do nothing")
                .params(contactId, workspaceId, name).update() > 0;
    }

    /** True when the contact had the tag. */
    boolean detach(long workspaceId, UUID contactId, String name) {
        return db.sql("delete from contact_tag ct using tag t where ct.workspace_id = ? and ct.contact_id = ? "
                        + "and t.workspace_id = ct.workspace_id and t.id = ct.tag_id and t.name = ?")
                .params(workspaceId, contactId, name).update() > 0;
    }

    List<TagCount> counts(long workspaceId) {
        return db.sql("select t.name, count(ct.contact_id) as contact_count from tag t "
                        + "left join contact_tag ct on ct.workspace_id = t.workspace_id and ct.tag_id = t.id "
                        + "where t.workspace_id = ? group by t.name order by t.name collate \"C\"")
                .param(workspaceId)
                .query((rs, row) -> new TagCount(rs.getString("name"), rs.getLong("contact_count"))).list();
    }
}
