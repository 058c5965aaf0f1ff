package io.porter.knowledge;

import java.time.Instant;

/** A folder of articles inside a category. */
public record KbFolder(long id, long categoryId, String name, String description, int position, Instant createdAt, Instant updatedAt) {
}
