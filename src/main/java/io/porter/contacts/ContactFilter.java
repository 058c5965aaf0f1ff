package io.porter.contacts;

/** What a contact list is narrowed to; null parts do not narrow. Values are already in their stored form. */
record ContactFilter(String emailKey, String phone, String userId, String tag, Search search) {

    ContactFilter(String emailKey, String phone, String userId, String tag) {
        this(emailKey, phone, userId, tag, null);
    }

    /** Free text a person typed: part of a name or an email, or a phone number in any format. */
    record Search(String likePattern, String phone) {
    }
}
