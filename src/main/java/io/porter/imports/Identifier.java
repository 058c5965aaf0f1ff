package io.porter.imports;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The field that tells which existing contact a row is. */
public enum Identifier {
    EMAIL("email", "email", "email_key"),
    PHONE("phone", "phone", "phone"),
    USER_ID("user-id", "user_id", "user_id"),
    CONTACT_ID("contact-id", "contact_id", "id"),
    /** Intercom's rule: a row with a user_id is matched by it, any other by its email (which every row must have). */
    USER_ID_OR_EMAIL("user-id-or-email", "email", "user_id");

    private final String key;
    private final String field;
    private final String contactColumn;

    Identifier(String key, String field, String contactColumn) {
        this.key = key;
        this.field = field;
        this.contactColumn = contactColumn;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** The mapping target that must be mapped for this identifier. */
    public String field() {
        return field;
    }

    /** The column of table contact the identifier is matched against (a constant, never user text). */
    String contactColumn() {
        return contactColumn;
    }

    @JsonCreator
    public static Identifier parse(String key) {
        return Arrays.stream(values()).filter(i -> i.key.equalsIgnoreCase(key == null ? "" : key.strip())).findFirst()
                .orElseThrow(() -> new ImportRejectedException("identifier: '" + key
                        + "' is not an identifier; use email, phone, user-id, contact-id or user-id-or-email"));
    }
}
