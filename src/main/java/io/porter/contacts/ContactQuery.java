package io.porter.contacts;

/** The filters of GET /api/v1/contacts as the client wrote them; blank means 'any'. */
public record ContactQuery(String email, String phone, String userId, String tag) {
}
