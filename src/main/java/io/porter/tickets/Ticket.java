package io.porter.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.teammates.TeamRef;
import io.porter.teammates.TeammateRef;
import java.time.Instant;
import java.util.UUID;

/** A ticket as the API shows it; {@code ticket_number} is the number people say, counted per workspace. */
public record Ticket(long id, long ticketNumber, TicketType ticketType, String category, String state, String title,
                     String description, UUID contactId, TeammateRef assignee, TeamRef team, Instant snoozedUntil,
                     boolean sharedWithContact, JsonNode customAttributes, int partsCount, Instant createdAt, Instant updatedAt) {
}
