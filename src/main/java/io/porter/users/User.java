package io.porter.users;

/** Someone who signs in to the web pages; the password hash never leaves {@link Users}. */
public record User(long id, String email) {
}
