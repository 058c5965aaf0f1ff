package io.porter.imports;

import io.porter.contacts.StandardField;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One row read and normalised, or with the problems that make it an error; {@code emailKey} is its email's {@code Email.key()}. */
record StagedRow(int row, List<RowError> errors, String identKey, boolean hasName, EnumMap<StandardField, Object> values,
                 String emailKey, Map<String, Object> custom, List<String> customBlank, List<String> tags) {
}
