package io.porter.contacts;

/**
 * What a list of contacts is narrowed to, as the person wrote it; blank means 'any'. {@code text} is the web pages'
 * search: part of a name or an email, or a phone number in any format.
 */
public record ContactQuery(String email, String phone, String userId, String tag, String text) {

    public ContactQuery(String email, String phone, String userId, String tag) {
        this(email, phone, userId, tag, null);
    }
}
