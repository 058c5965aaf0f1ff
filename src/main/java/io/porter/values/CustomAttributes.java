package io.porter.values;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Custom attributes as they are stored: JSON text that PostgreSQL's jsonb accepts. */
public final class CustomAttributes {

    private CustomAttributes() {
    }

    /** The JSON of some custom attributes; refused when it holds a NUL character, which jsonb cannot store. */
    public static String toJson(ObjectMapper json, ObjectNode node) {
        try {
            String s = json.writeValueAsString(node);
            if (s.contains("\\u0000")) {
                throw new InvalidValueException("custom_attributes", null, io.porter.texts.Text.of("error.text.nul"));
            }
            return s;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
