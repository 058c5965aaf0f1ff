package io.porter.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A contact as the API shows it. Times are UTC instants; tags are names, sorted. */
public record Contact(
        UUID id,
        String role,
        String name,
        String firstName,
        String lastName,
        String email,
        String phone,
        String userId,
        Instant signedUpAt,
        Instant lastSeenAt,
        String lastIp,
        String city,
        String region,
        String country,
        String avatarUrl,
        String language,
        JsonNode customAttributes,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the contact can still be told apart by a person: it has a name, an email, a phone or a user id. */
    boolean identifiable() {
        return name != null || firstName != null || lastName != null || email != null || phone != null || userId != null;
    }
}
