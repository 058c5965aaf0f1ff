package io.porter.fields;

/** The body of POST /api/v1/fields. */
public record NewField(String key, String label, String type) {
}
