package io.porter.imports.sources;

import io.porter.values.Dates;
import io.porter.values.FieldType;
import io.porter.values.InvalidValueException;
import java.util.List;

/** Guesses a custom field's type from sample values: number, boolean or date when every non-blank value is one, else text. */
public final class TypeGuess {

    private TypeGuess() {
    }

    public static FieldType of(List<String> values, boolean zonelessIsUtc) {
        List<String> given = values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
        if (given.isEmpty()) {
            return FieldType.TEXT;
        }
        if (given.stream().allMatch(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            return FieldType.BOOLEAN;
        }
        if (given.stream().allMatch(v -> v.matches("-?\\d{1,9}(\\.\\d+)?"))) {
            return FieldType.NUMBER;
        }
        if (given.stream().allMatch(v -> isDate(v, zonelessIsUtc))) {
            return FieldType.DATE;
        }
        return FieldType.TEXT;
    }

    private static boolean isDate(String v, boolean zonelessIsUtc) {
        if (!v.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return false;
        }
        try {
            Dates.parse(v, zonelessIsUtc);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }
}
