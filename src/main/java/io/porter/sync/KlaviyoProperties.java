package io.porter.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An event's properties for Klaviyo: conversation and ticket events carry the properties of Klaviyo's Intercom
 * integration, under its names, so flows built for that integration keep working; other events carry their payload.
 */
final class KlaviyoProperties {

    private static final Map<String, String> CONVERSATION = Map.ofEntries(
            Map.entry("conversation_id", "Conversation ID"), Map.entry("title", "Title"), Map.entry("state", "State"),
            Map.entry("snoozed_until", "Snoozed Until"), Map.entry("waiting_since", "Waiting Since"),
            Map.entry("priority", "Priority"), Map.entry("tags", "Tags"), Map.entry("rating", "Conversation Rating"),
            Map.entry("rating_remark", "Conversation Rating Remark"), Map.entry("source_type", "Conversation Source"),
            Map.entry("delivered_as", "Delivered As"), Map.entry("parts_count", "Conversation Parts Count"),
            Map.entry("reopens_count", "Reopen Count"), Map.entry("assignments_count", "Assignment Count"),
            Map.entry("custom_attributes", "Custom Attributes"));
    private static final Map<String, String> TICKET = Map.ofEntries(
            Map.entry("ticket_number", "Ticket ID"), Map.entry("title", "Ticket Name"), Map.entry("description", "Ticket Description"),
            Map.entry("category", "Category"), Map.entry("state", "State"), Map.entry("snoozed_until", "Snoozed Until"),
            Map.entry("parts_count", "Ticket Parts Count"), Map.entry("shared_with_contact", "Shared"),
            Map.entry("custom_attributes", "Custom Attributes"));

    private KlaviyoProperties() {
    }

    static void of(String type, JsonNode payload, ObjectNode props) {
        Map<String, String> names = type.startsWith("conversation.") ? CONVERSATION : type.startsWith("ticket.") ? TICKET : null;
        if (names == null) {
            payload.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("trigger_automations")) {
                    props.set(e.getKey(), e.getValue());
                }
            });
            return;
        }
        names.forEach((key, name) -> {
            if (payload.has(key)) {
                props.set(name, payload.get(key));
            }
        });
        JsonNode assignee = payload.path("assignee");
        props.put("Assigned Teammate Name", assignee.path("name").asText(null));
        props.put("Assigned Teammate Email", assignee.path("email").asText(null));
        props.put("Assigned Team", payload.path("team").path("name").asText(null));
        if (type.startsWith("conversation.")) {
            // Porter keeps no service-level agreements yet
            props.putNull("SLA Status");
        } else {
            props.put("Ticket Type", payload.path("ticket_type").path("name").asText(null));
        }
    }
}
