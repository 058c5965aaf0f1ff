package io.porter.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The body of POST /api/v1/events/batch. Items stay JSON so each one's problems can be reported by index. */
record EventBatch(List<JsonNode> events) {
}
