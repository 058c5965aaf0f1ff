package io.porter.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.ApiException;
import io.porter.api.Texts;
import io.porter.values.CountryCode;
import io.porter.values.FieldType;
import io.porter.values.InvalidValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a contact's JSON body field by field, so that a field left out and a field sent as null differ
 * (the first stays as it is, the second is cleared). Every standard value goes through {@link StandardField#read}.
 */
final class ContactBodyReader {

    static final String CUSTOM_ATTRIBUTES = "custom_attributes";
    private static final Set<String> READ_ONLY = Set.of("id", "tags", "created_at", "updated_at");
    private static final int MAX_TEXT = 2000;

    private final Map<String, FieldType> customTypes;
    private final CountryCode defaultCountry;

    ContactBodyReader(Map<String, FieldType> customTypes, CountryCode defaultCountry) {
        this.customTypes = customTypes;
        this.defaultCountry = defaultCountry;
    }

    ContactValues read(ObjectNode body) {
        Map<StandardField, Object> standard = new EnumMap<>(StandardField.class);
        boolean clearCustom = false;
        Map<String, Object> customSet = new LinkedHashMap<>();
        List<String> customRemoved = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (name.equals(CUSTOM_ATTRIBUTES)) {
                if (value.isNull()) {
                    clearCustom = true;
                } else {
                    readCustom(value, customSet, customRemoved);
                }
                continue;
            }
            StandardField field = StandardField.byKey(name).orElseThrow(() -> unknownField(name));
            String text = text(name, value);
            Object read = field.read(text, defaultCountry);
            // role cannot be empty: clearing it gives the default back
            standard.put(field, field == StandardField.ROLE && read == null ? "user" : read);
        }
        return new ContactValues(standard, clearCustom, customSet, customRemoved);
    }

    private void readCustom(JsonNode attributes, Map<String, Object> set, List<String> removed) {
        if (!attributes.isObject()) {
            throw new InvalidValueException(CUSTOM_ATTRIBUTES, attributes.toString(),
                    "must be an object of custom field keys and values, e.g. {\"plan\": \"pro\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            String where = CUSTOM_ATTRIBUTES + "." + key;
            FieldType type = customTypes.get(key);
            if (type == null) {
                throw ApiException.badRequest(where + ": no custom field '" + key + "'; create it with POST /api/v1/fields");
            }
            Object value;
            try {
                value = type.read(text(where, entry.getValue()));
            } catch (InvalidValueException e) {
                throw e.inField(where);
            }
            if (value == null) {
                removed.add(key);
            } else {
                set.put(key, value);
            }
        }
    }

    /** A JSON scalar as text; numbers and booleans are accepted as their JSON spelling. */
    private static String text(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw new InvalidValueException(field, value.toString(), "must be a single value, not a list or an object");
        }
        return Texts.checked(field, value.asText(), MAX_TEXT);
    }

    private static ApiException unknownField(String name) {
        if (READ_ONLY.contains(name)) {
            String how = name.equals("tags") ? "; add and remove tags with POST /api/v1/contacts/{id}/tags" : "";
            return ApiException.badRequest("'" + name + "' is set by Porter and cannot be written" + how);
        }
        String valid = Stream.concat(Arrays.stream(StandardField.values()).map(StandardField::key), Stream.of(CUSTOM_ATTRIBUTES))
                .collect(Collectors.joining(", "));
        return ApiException.badRequest("Unknown field '" + name + "'; the fields of a contact are: " + valid);
    }
}
