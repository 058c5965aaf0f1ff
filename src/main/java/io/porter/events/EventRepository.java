package io.porter.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.api.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for table {@code contact_event}; every statement names the workspace. */
@Repository
class EventRepository {

    private static final String COLUMNS = "id, contact_id, name, occurred_at, metadata, created_at";

    private final JdbcClient db;
    private final ObjectMapper json;

    EventRepository(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    record NewEvent(UUID contactId, String name, java.time.Instant occurredAt, String metadata) {
    }

    /** Writes all the events in one statement: the arrays are unnested into rows, in the order given. */
    List<ContactEvent> insertAll(long workspaceId, List<NewEvent> events) {
        return db.sql("insert into contact_event (workspace_id, contact_id, name, occurred_at, metadata) "
                        + "select ?, e.contact_id, e.name, e.occurred_at, e.metadata "
                        + "from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::jsonb[]) with ordinality "
                        + "as e(contact_id, name, occurred_at, metadata, n) order by e.n returning " + COLUMNS)
                .params(workspaceId,
                        events.stream().map(e -> e.contactId().toString()).toArray(String[]::new),
                        events.stream().map(NewEvent::name).toArray(String[]::new),
                        events.stream().map(e -> e.occurredAt().toString()).toArray(String[]::new),
                        events.stream().map(NewEvent::metadata).toArray(String[]::new))
                .query(this::map).list();
    }

    List<ContactEvent> forContact(long workspaceId, UUID contactId, Paging paging) {
        return db.sql("select " + COLUMNS + " from contact_event where workspace_id = ? and contact_id = ? "
                        + "order by occurred_at desc, id desc limit ? offset ?")
                .params(workspaceId, contactId, paging.perPage(), paging.offset()).query(this::map).list();
    }

    long countForContact(long workspaceId, UUID contactId) {
        return db.sql("select count(*) from contact_event where workspace_id = ? and contact_id = ?")
                .params(workspaceId, contactId).query(Long.class).single();
    }

    private ContactEvent map(ResultSet rs, int row) throws SQLException {
        try {
            return new ContactEvent(rs.getLong("id"), rs.getObject("contact_id", UUID.class), rs.getString("name"),
                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), json.readTree(rs.getString("metadata")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata of an event is not JSON", e);
        }
    }
}
