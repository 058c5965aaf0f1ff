package io.porter.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.api.Problem;
import io.porter.api.Texts;
import io.porter.values.Dates;
import io.porter.values.Email;
import io.porter.values.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads one event's JSON. It collects every problem of the item rather than stopping at the first, so a
 * batch's answer lists all that is wrong; each problem is named with the given prefix, e.g. {@code events[3].}.
 */
final class EventReader {

    private static final Set<String> FIELDS = Set.of("contact_id", "email", "user_id", "name", "occurred_at", "metadata");
    private static final int MAX_NAME = 200;
    private static final int MAX_METADATA = 65_536;

    private EventReader() {
    }

    /** The event, or null when {@code problems} got at least one problem of it. */
    static EventDraft read(JsonNode item, String prefix, Instant now, List<Problem> problems) {
        String at = prefix.isEmpty() ? "the event" : prefix.substring(0, prefix.length() - 1);
        if (item == null || !item.isObject()) {
            problems.add(new Problem(at, at + ": must be a JSON object with name and one of contact_id, email, user_id"));
            return null;
        }
        int before = problems.size();
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new Problem(prefix + name, prefix + name + ": unknown field; the fields of an event are "
                        + "contact_id, email, user_id, name, occurred_at, metadata"));
            }
        }
        ContactRef contact = attempt(prefix, problems, () -> contact(item, at, prefix));
        String name = attempt(prefix, problems, () -> Texts.required("name", text("name", item.get("name")), MAX_NAME));
        Instant occurredAt = attempt(prefix, problems, () -> occurredAt(item.get("occurred_at"), now));
        String metadata = attempt(prefix, problems, () -> metadata(item.get("metadata")));
        return problems.size() > before ? null : new EventDraft(contact, name, occurredAt, metadata);
    }

    private static <T> T attempt(String prefix, List<Problem> problems, Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidValueException e) {
            String field = prefix + (e.field() == null ? "" : e.field());
            problems.add(new Problem(field, prefix + e.getMessage()));
            return null;
        }
    }

    private static ContactRef contact(JsonNode item, String at, String prefix) {
        List<ContactRef.Kind> given = new ArrayList<>();
        for (ContactRef.Kind kind : ContactRef.Kind.values()) {
            if (item.hasNonNull(kind.field)) {
                given.add(kind);
            }
        }
        if (given.size() != 1) {
            String problem = given.isEmpty() ? "names no contact" : "names its contact " + given.size() + " ways";
            throw new InvalidValueException(null, null, (prefix.isEmpty() ? "The event " : at + " ")
                    + problem + "; give exactly one of contact_id, email, user_id");
        }
        ContactRef.Kind kind = given.get(0);
        String raw = text(kind.field, item.get(kind.field));
        String value = switch (kind) {
            case CONTACT_ID -> contactId(raw);
            case EMAIL -> {
                try {
                    yield new Email(raw).key();
                } catch (InvalidValueException e) {
                    throw e.inField("email");
                }
            }
            case USER_ID -> Texts.required("user_id", raw, 2000);
        };
        return new ContactRef(kind, value, raw);
    }

    private static String contactId(String raw) {
        try {
            return UUID.fromString(raw.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("contact_id", raw, "is not a contact id; ids look like 0b9e5c4e-8d1f-4c3a-9f2e-6a7b8c9d0e1f");
        }
    }

    private static Instant occurredAt(JsonNode value, Instant now) {
        if (value == null || value.isNull()) {
            return now;
        }
        try {
            return Dates.parse(text("occurred_at", value));
        } catch (InvalidValueException e) {
            throw e.inField("occurred_at");
        }
    }

    private static String metadata(JsonNode value) {
        if (value == null || value.isNull()) {
            return "{}";
        }
        if (!value.isObject()) {
            throw new InvalidValueException("metadata", value.toString(), "must be a JSON object, e.g. {\"plan\": \"pro\"}");
        }
        String json = value.toString();
        // PostgreSQL's jsonb cannot hold the NUL character
        if (json.contains("\\u0000")) {
            throw new InvalidValueException("metadata", null, "contains a NUL character (\\u0000), which cannot be stored");
        }
        if (json.length() > MAX_METADATA) {
            throw new InvalidValueException("metadata", null, "is too large; the most is " + MAX_METADATA + " characters of JSON");
        }
        return json;
    }

    private static String text(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw new InvalidValueException(field, value.toString(), "must be a single value, not a list or an object");
        }
        return Texts.checked(field, value.asText(), 2000);
    }
}
