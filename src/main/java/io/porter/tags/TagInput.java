package io.porter.tags;

/** The body of POST /api/v1/contacts/{id}/tags. */
public record TagInput(String name) {
}
