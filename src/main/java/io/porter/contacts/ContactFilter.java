package io.porter.contacts;

/** What a contact list is narrowed to; null parts do not narrow. Values are already in their stored form. */
record ContactFilter(String emailKey, String phone, String userId, String tag) {
}
