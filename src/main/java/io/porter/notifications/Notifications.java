package io.porter.notifications;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.texts.Text;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What a workspace is told: an import completed or failed, and later more. */
@Service
public class Notifications {

    /** A notification; the API shows its title and message in English, a page in its reader's language. */
    public record Notification(long id, String kind, String title, String message, String link, Instant createdAt, Instant readAt,
                               @JsonIgnore Text titleText, @JsonIgnore Text messageText) {

        public String title(Locale locale) {
            return titleText.in(locale);
        }

        public String message(Locale locale) {
            return messageText.in(locale);
        }
    }

    private final JdbcClient db;
    private final ObjectMapper json;

    public Notifications(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Call inside the transaction of the change it tells about. */
    public void add(long ws, String kind, Text title, Text message, String link) {
        String texts;
        try {
            texts = json.writeValueAsString(Map.of("title", title.toMap(), "message", message.toMap()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        db.sql("insert into notification (workspace_id, kind, title, message, link, texts) values (?, ?, ?, ?, ?, ?::jsonb)")
                .params(ws, kind, title.english(), message.english(), link, texts).update();
    }

    public List<Notification> recent(long ws, int limit) {
        return db.sql("select * from notification where workspace_id = ? order by created_at desc, id desc limit ?")
                .params(ws, limit).query((rs, n) -> {
                    Map<?, ?> texts = read(rs.getString("texts"));
                    return new Notification(rs.getLong("id"), rs.getString("kind"), rs.getString("title"),
                            rs.getString("message"), rs.getString("link"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            rs.getObject("read_at") == null ? null : rs.getObject("read_at", OffsetDateTime.class).toInstant(),
                            texts == null ? Text.verbatim(rs.getString("title")) : Text.fromMap((Map<?, ?>) texts.get("title")),
                            texts == null ? Text.verbatim(rs.getString("message")) : Text.fromMap((Map<?, ?>) texts.get("message")));
                })
                .list();
    }

    private Map<?, ?> read(String texts) {
        try {
            return texts == null ? null : json.readValue(texts, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
