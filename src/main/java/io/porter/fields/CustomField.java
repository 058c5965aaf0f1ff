package io.porter.fields;

import java.time.Instant;

/** A custom field defined in a workspace: contacts keep its values under {@code custom_attributes.<key>}. */
public record CustomField(String key, String label, String type, Instant createdAt) {
}
