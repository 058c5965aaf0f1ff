package io.porter.conversations;

import java.util.UUID;

/** Filters of the conversation list; null means any. */
public record ConversationQuery(String state, Long assigneeId, Long teamId, UUID contactId) {
}
