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

    boolean hasIdentity() {
        return IDENTITY.stream().anyMatch(f -> standard.get(f) != null);
    }
}
