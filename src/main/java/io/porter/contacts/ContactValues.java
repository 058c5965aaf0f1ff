package io.porter.contacts;

import java.util.List;
import java.util.Map;

/**
 * The values a request body gives, read and checked. Only the fields present in the body are here; a
 * null value means 'clear it'. Custom attributes are set, removed, or all cleared (custom_attributes: null).
 */
record ContactValues(Map<StandardField, Object> standard, boolean clearCustom, Map<String, Object> customSet,
                     List<String> customRemoved) {

    static final List<StandardField> IDENTITY = List.of(StandardField.NAME, StandardField.FIRST_NAME,
            StandardField.LAST_NAME, StandardField.EMAIL, StandardField.PHONE, StandardField.USER_ID);

    boolean isEmpty() {
        return standard.isEmpty() && !clearCustom && customSet.isEmpty() && customRemoved.isEmpty();
    }

    /** Whether the change sets or clears a key an import matches contacts by (email, phone, user_id). */
    boolean changesKeys() {
        return standard.containsKey(StandardField.EMAIL) || standard.containsKey(StandardField.PHONE)
                || standard.containsKey(StandardField.USER_ID);
    }

    boolean hasIdentity() {
        return IDENTITY.stream().anyMatch(f -> standard.get(f) != null);
    }
}
