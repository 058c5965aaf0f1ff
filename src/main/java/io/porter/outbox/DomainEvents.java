package io.porter.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Writes to the outbox, table {@code domain_event}. Call inside the transaction of the change the event records,
 * so the event exists exactly when the change does; the sync worker delivers it after commit.
 */
@Service
public class DomainEvents {

    private final JdbcClient db;
    private final ObjectMapper json;

    public DomainEvents(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records an event; its id (the delivery's idempotency key) comes back. */
    public long record(long workspaceId, String type, String subjectId, Map<String, ?> payload) {
        try {
            return db.sql("insert into domain_event (workspace_id, type, subject_id, payload) values (?, ?, ?, ?::jsonb) returning id")
                    .params(workspaceId, type, subjectId, json.writeValueAsString(payload)).query(Long.class).single();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event payload could not be written as JSON", e);
        }
    }
}
