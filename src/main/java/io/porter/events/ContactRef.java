package io.porter.events;

/**
 * How an event names its contact: by one of contact_id, email or user_id. {@code value} is the matching form
 * (the UUID text, the email key, the user id) and {@code given} what the client wrote.
 */
record ContactRef(Kind kind, String value, String given) {

    enum Kind {
        CONTACT_ID("contact_id"), EMAIL("email"), USER_ID("user_id");

        final String field;

        Kind(String field) {
            this.field = field;
        }
    }
}
