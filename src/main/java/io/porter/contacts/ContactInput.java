package io.porter.contacts;

import java.util.Map;

/**
 * The shape of a contact body, for the OpenAPI document only: the API reads bodies as JSON objects so that
 * it can tell a field left out from a field sent as null.
 */
record ContactInput(String role, String name, String firstName, String lastName, String email, String phone,
                    String userId, String signedUpAt, String lastSeenAt, String lastIp, String city, String region,
                    String country, String avatarUrl, String language, Map<String, Object> customAttributes) {
}
