package io.porter.tickets;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.porter.attachments.Attachment;
import io.porter.teammates.TeammateRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One part of a ticket, in order: a reply, a private note, an assignment or a state change (with both states). */
public record TicketPart(long id, int position, String partType, @JsonProperty("private") boolean isPrivate, String authorType,
                         UUID authorContactId, TeammateRef author, String body, String previousState, String newState,
                         List<Attachment> attachments, Instant createdAt) {
}
