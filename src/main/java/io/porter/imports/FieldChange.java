package io.porter.imports;

/**
 * A field an update will change on an existing contact: a standard field's key, {@code custom.<key>} or
 * {@code tags}; {@code from} and {@code to} are its values before and after (null when empty; tags as lists of names).
 */
public record FieldChange(String field, Object from, Object to) {

    public FieldChange {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("a change needs a field");
        }
    }
}
