package io.porter.web;

import io.porter.contacts.Contact;
import io.porter.contacts.StandardField;
import java.time.Instant;

/** Small helpers for the templates. */
public final class Views {

    private Views() {
    }

    /** The name a person sees for a contact: its name, else first and last name, else empty. */
    public static String displayName(Contact c) {
        if (c.name() != null) {
            return c.name();
        }
        return ((c.firstName() == null ? "" : c.firstName()) + " " + (c.lastName() == null ? "" : c.lastName())).strip();
    }

    /** A standard field with its value, for the contact page. */
    public record FieldValue(String key, String value) {
    }

    public static java.util.List<FieldValue> standardValues(Contact c) {
        java.util.List<FieldValue> out = new java.util.ArrayList<>();
        for (StandardField f : StandardField.values()) {
            String v = value(c, f);
            if (v != null) {
                out.add(new FieldValue(f.key(), v));
            }
        }
        return out;
    }

    /** The custom fields a contact has a value for, labelled, in the workspace's order. */
    public static java.util.List<FieldValue> customValues(Contact c, java.util.List<io.porter.fields.CustomField> fields) {
        java.util.List<FieldValue> out = new java.util.ArrayList<>();
        for (io.porter.fields.CustomField f : fields) {
            com.fasterxml.jackson.databind.JsonNode v = c.customAttributes() == null ? null : c.customAttributes().get(f.key());
            if (v != null && !v.isNull()) {
                out.add(new FieldValue(f.label(), v.asText()));
            }
        }
        return out;
    }

    /** A standard field of a contact as text, or null when it has none. */
    public static String value(Contact c, StandardField f) {
        Object v = c.value(f);
        if (v instanceof Instant i) {
            return i.toString();
        }
        return v == null ? null : v.toString();
    }
}
