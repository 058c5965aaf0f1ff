package io.porter.fields;

/** The body of PATCH /api/v1/fields/{key}: only the label of a field can change, never its key or type. */
public record FieldChanges(String label) {
}
