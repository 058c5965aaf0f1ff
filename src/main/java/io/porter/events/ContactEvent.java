package io.porter.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** Something a contact did, as the API shows it. */
public record ContactEvent(long id, UUID contactId, String name, Instant occurredAt, JsonNode metadata, Instant createdAt) {
}
