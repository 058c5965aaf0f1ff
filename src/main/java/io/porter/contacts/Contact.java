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

    /** The value of one standard field, as stored: text, or an {@link Instant} for the times. */
    public Object value(StandardField field) {
        return switch (field) {
            case NAME -> name;
            case FIRST_NAME -> firstName;
            case LAST_NAME -> lastName;
            case EMAIL -> email;
            case PHONE -> phone;
            case USER_ID -> userId;
            case ROLE -> role;
            case SIGNED_UP_AT -> signedUpAt;
            case LAST_SEEN_AT -> lastSeenAt;
            case LAST_IP -> lastIp;
            case CITY -> city;
            case REGION -> region;
            case COUNTRY -> country;
            case AVATAR_URL -> avatarUrl;
            case LANGUAGE -> language;
        };
    }
}
