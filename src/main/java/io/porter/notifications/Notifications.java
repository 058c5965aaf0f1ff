package io.porter.notifications;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What a workspace is told: an import completed or failed, and later more. */
@Service
public class Notifications {

    public record Notification(long id, String kind, String title, String message, String link, Instant createdAt, Instant readAt) {
    }

    private final JdbcClient db;

    public Notifications(JdbcClient db) {
        this.db = db;
    }

    /** Call inside the transaction of the change it tells about. */
    public void add(long ws, String kind, String title, String message, String link) {
        db.sql("insert into notification (workspace_id, kind, title, message, link) values (?, ?, ?, ?, ?)")
                .params(ws, kind, title, message, link).update();
    }

    public List<Notification> recent(long ws, int limit) {
        return db.sql("select * from notification where workspace_id = ? order by created_at desc, id desc limit ?")
                .params(ws, limit).query((rs, n) -> new Notification(rs.getLong("id"), rs.getString("kind"), rs.getString("title"),
                        rs.getString("message"), rs.getString("link"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("read_at") == null ? null : rs.getObject("read_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    public int unread(long ws) {
        return db.sql("select count(*) from notification where workspace_id = ? and read_at is null").param(ws)
                .query(Integer.class).single();
    }

    /** False when the workspace has no such notification. */
    public boolean markRead(long ws, long id) {
        return db.sql("update notification set read_at = coalesce(read_at, now()) where workspace_id = ? and id = ?")
                .params(ws, id).update() == 1;
    }

    public void markAllRead(long ws) {
        db.sql("update notification set read_at = now() where workspace_id = ? and read_at is null").param(ws).update();
    }
}
