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

    /**
     * The value of {@code dispatched_at} for an event being written in workspace {@code workspaceSql} (an SQL
     * expression): now when the workspace has no sync destination, so the event is dispatched as it is written,
     * else null, for the sync worker's fan-out. Fanning out is an update of every event; a workspace that syncs
     * nowhere should not pay it, and an import that writes 200,000 events should not wait for it. A destination
     * receives the events written after it is saved.
     */
    public static String dispatchedAt(String workspaceSql) {
        return "(select now() where not exists (select 1 from sync_destination d where d.workspace_id = " + workspaceSql + "))";
    }

    /** Records an event; its id (the delivery's idempotency key) comes back. */
    public long record(long workspaceId, String type, String subjectId, Map<String, ?> payload) {
        try {
            return db.sql("insert into domain_event (workspace_id, type, subject_id, payload, dispatched_at) values (?, ?, ?, ?::jsonb, "
                            + dispatchedAt("?") + ") returning id")
                    .params(workspaceId, type, subjectId, json.writeValueAsString(payload), workspaceId).query(Long.class).single();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event payload could not be written as JSON", e);
        }
    }
}
