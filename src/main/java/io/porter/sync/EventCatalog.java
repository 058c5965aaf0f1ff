package io.porter.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The domain events sync knows, and what each becomes at each kind of destination. New events (the help desk's
 * conversation.* and ticket.*) plug in with one line here: a webhook gets every known type as it is; Klaviyo gets a
 * profile upsert or an event of a metric named as Klaviyo's Intercom integration names them. Events whose subject is
 * not a contact carry the contact in payload.contact_id, which also orders them with that contact's other events.
 */
public final class EventCatalog {

    /** What a Klaviyo destination does with an event type. */
    public sealed interface KlaviyoAction permits Profile, Metric {
    }

    /** Upsert the contact's profile (Profile import API; bulk profile import jobs for a backlog). */
    public record Profile() implements KlaviyoAction {
    }

    /**
     * Create an event of a metric for the contact (Events API with unique_id; bulk event jobs for a backlog). The
     * metric is one name, or chosen by the value of a payload field: a value with no name is not sent (a teammate's
     * reply is no "Replied" of the contact's).
     */
    public record Metric(String name, String field, Map<String, String> byValue) implements KlaviyoAction {

        public Metric(String name) {
            this(name, null, Map.of());
        }

        static Metric by(String field, Map<String, String> byValue) {
            return new Metric(null, field, byValue);
        }

        public Optional<String> nameFor(com.fasterxml.jackson.databind.JsonNode payload) {
            if (field == null) {
                return Optional.of(name);
            }
            return Optional.ofNullable(byValue.get(payload.path(field).asText("")));
        }
    }

    public record Type(String name, String description, KlaviyoAction klaviyo) {
    }

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        add("contact.created", "A contact was created (API or import)", new Metric("Porter Contact Created"));
        add("contact.updated", "A contact's fields or tags changed (API or import)", new Profile());
        add("contact.deleted", "A contact was deleted; payload has its email, phone and user_id", null);
        add("import.completed", "An import finished; payload has its counts", null);
        // the help desk, as Klaviyo's Intercom integration names its metrics
        add("conversation.created", "A conversation was started", new Metric("Conversation Created"));
        add("conversation.replied", "A reply in a conversation; payload.by says contact or teammate",
                Metric.by("by", Map.of("contact", "Conversation Replied")));
        add("conversation.rated", "The contact rated a conversation", new Metric("Conversation Rated"));
        add("conversation.read", "The contact read a conversation", new Metric("Conversation Read"));
        add("conversation.noted", "A teammate added a private note", null);
        add("conversation.assigned", "A conversation was assigned to a teammate or team", null);
        add("conversation.closed", "A conversation was closed", null);
        add("conversation.reopened", "A conversation was reopened", null);
        add("conversation.snoozed", "A conversation was snoozed", null);
        add("conversation.updated", "A conversation's fields changed", null);
        add("ticket.created", "A ticket was created", new Metric("Ticket Created"));
        add("ticket.state_changed", "A ticket changed state; payload has previous_state and new_state",
                Metric.by("new_state", Map.of("submitted", "Ticket Submitted", "waiting_on_customer", "Ticket Waiting on customer",
                        "resolved", "Ticket Resolved")));
        add("ticket.replied", "A reply on a ticket; payload.by says contact or teammate",
                Metric.by("by", Map.of("contact", "Ticket Replied")));
        add("ticket.noted", "A teammate added a private note to a ticket", null);
        add("ticket.assigned", "A ticket was assigned", null);
        add("ticket.updated", "A ticket's fields changed", null);
    }

    private static void add(String name, String description, KlaviyoAction klaviyo) {
        TYPES.put(name, new Type(name, description, klaviyo));
    }

    private EventCatalog() {
    }

    public static List<Type> types() {
        return List.copyOf(TYPES.values());
    }

    public static Optional<Type> type(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** The default subscription of a new destination of this kind. */
    public static List<String> defaults(String kind) {
        List<String> names = new ArrayList<>();
        for (Type t : TYPES.values()) {
            if (kind.equals("webhook") || t.klaviyo() != null) {
                names.add(t.name());
            }
        }
        return names;
    }

    /** Whether a subscription entry (a type, or a family such as contact.*) is valid for this kind; null if so, else why not. */
    public static String problem(String kind, String entry) {
        if (entry.endsWith(".*")) {
            String family = entry.substring(0, entry.length() - 1);
            boolean any = TYPES.values().stream().anyMatch(t -> t.name().startsWith(family)
                    && (kind.equals("webhook") || t.klaviyo() != null));
            // families of events still to come (conversation.*, ticket.*) may be subscribed ahead for webhooks
            return any || kind.equals("webhook") && entry.matches("[a-z_]+\\.\\*") ? null
                    : "'" + entry + "' names no event Klaviyo receives";
        }
        Type t = TYPES.get(entry);
        if (t == null) {
            return "'" + entry + "' is not an event type; the types are " + String.join(", ", TYPES.keySet());
        }
        if (kind.equals("klaviyo") && t.klaviyo() == null) {
            return "'" + entry + "' is not sent to Klaviyo; Klaviyo receives " + String.join(", ", defaults("klaviyo"));
        }
        return null;
    }
}
