package io.porter.sync;

import java.time.Instant;

/** One event's delivery to one destination, as the delivery log shows it. */
public record Delivery(long eventId, String eventType, String subjectId, Instant occurredAt, String status, int attempts,
                       Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastResponse,
                       Instant deliveredAt) {
}
