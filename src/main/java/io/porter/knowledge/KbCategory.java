package io.porter.knowledge;

import java.time.Instant;

/** The top level of the knowledge base. */
public record KbCategory(long id, String name, String description, int position, Instant createdAt, Instant updatedAt) {
}
