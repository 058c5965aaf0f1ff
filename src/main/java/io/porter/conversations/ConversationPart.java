package io.porter.conversations;

import io.porter.attachments.Attachment;
import io.porter.teammates.TeamRef;
import io.porter.teammates.TeammateRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One part of a conversation, in order ({@code position} from 1): a reply ({@code comment}), a private note
 * ({@code note}, {@code private: true}, never shown to the contact) or an action. {@code body} is sanitised HTML.
 */
public record ConversationPart(long id, int position, String partType,
                               @com.fasterxml.jackson.annotation.JsonProperty("private") boolean isPrivate, String authorType,
                               UUID authorContactId, TeammateRef author, String body, TeammateRef assignedTo,
                               TeamRef assignedToTeam, List<Attachment> attachments, Instant createdAt) {
}
