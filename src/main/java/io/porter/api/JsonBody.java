package io.porter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.values.Dates;
import io.porter.values.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A JSON object body read field by field, for requests where a field that is absent means "leave it" and a field
 * that is null means "clear it" (PATCH, assignments). Unknown fields are refused, as for typed bodies.
 */
public final class JsonBody {

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody of(ObjectNode node, String... fields) {
        ObjectNode n = node == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : node;
        Set<String> known = new TreeSet<>(List.of(fields));
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw ApiException.badRequest("Unknown field '" + f + "'; the fields are: " + String.join(", ", known));
            }
        });
        return new JsonBody(n);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }

    /** Null when absent or null; else a string of at most {@code max} characters. */
    public String text(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidValueException(field, v.toString(), "is not text; write it between double quotes");
        }
        return Texts.checked(field, v.asText(), max);
    }

    public String requiredText(String field, int max) {
        JsonNode v = node.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new InvalidValueException(field, v.toString(), "is not text; write it between double quotes");
        }
        return Texts.required(field, v == null || v.isNull() ? null : v.asText(), max);
    }

    public Long id(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 1) {
            throw new InvalidValueException(field, v.asText(), "is not an id; ids are whole numbers from 1");
        }
        return v.asLong();
    }

    public Integer integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw new InvalidValueException(field, v.asText(), "is not a whole number");
        }
        return v.asInt();
    }

    public Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new InvalidValueException(field, v.asText(), "is not true or false");
        }
        return v.asBoolean();
    }

    public UUID uuid(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(v.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, v.asText(), "is not an id; ids look like 0b9e5c4e-8d1f-4c3a-9f2e-6a7b8c9d0e1f");
        }
    }

    public Instant instant(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Dates.parse(v.asText());
        } catch (InvalidValueException e) {
            throw e.inField(field);
        }
    }

    /** A JSON object (custom attributes); null when absent or null. */
    public ObjectNode object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new InvalidValueException(field, v.toString(), "is not a JSON object");
        }
        return (ObjectNode) v;
    }

    /** A list of texts (tag names), each 1 to {@code max} characters; null when absent. */
    public List<String> texts(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidValueException(field, v.toString(), "is not a list of texts");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new InvalidValueException(field, e.toString(), "is not text");
            }
            String t = Texts.required(field, e.asText(), max);
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
