package io.porter.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.teammates.TeamRef;
import io.porter.teammates.TeammateRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation with a contact as the API shows it (its parts are listed apart). */
public record Conversation(long id, String title, String state, Instant snoozedUntil, Instant waitingSince, boolean priority,
                           UUID contactId, TeammateRef assignee, TeamRef team, String sourceType, String deliveredAs,
                           JsonNode customAttributes, List<String> tags, Integer rating, String ratingRemark, Instant ratedAt,
                           boolean read, int partsCount, int reopensCount, int assignmentsCount, Instant createdAt,
                           Instant updatedAt) {
}
