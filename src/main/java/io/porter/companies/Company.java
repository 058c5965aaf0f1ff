package io.porter.companies;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A company contacts belong to. */
public record Company(long id, String name, String externalId, String website, String industry, Integer size,
                      JsonNode customAttributes, long contactCount, Instant createdAt, Instant updatedAt) {
}
