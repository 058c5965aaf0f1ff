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

    /** Create an event of this metric for the contact (Events API with unique_id; bulk event jobs for a backlog). */
    public record Metric(String name) implements KlaviyoAction {
    }

    public record Type(String name, String description, KlaviyoAction klaviyo) {
    }

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        add("contact.created", "A contact was created (API or import)", new Metric("Porter Contact Created"));
        add("contact.updated", "A contact's fields or tags changed (API or import)", new Profile());
        add("contact.deleted", "A contact was deleted; payload has its email, phone and user_id", null);
        add("import.completed", "An import finished; payload has its counts", null);
        // the help desk will add, for example:
        // add("conversation.created", "...", new Metric("Created Conversation"));
        // add("ticket.created", "...", new Metric("Created Ticket"));
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
