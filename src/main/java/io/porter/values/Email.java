package io.porter.values;

import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;

/** An email address, trimmed and syntax-checked. Two emails are the same contact when their keys are equal. */
public record Email(String value) {

    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, false);

    public Email {
        if (value == null) {
            throw new InvalidValueException("email", null, "is missing");
        }
        value = value.strip();
        if (value.isEmpty() || !VALIDATOR.isValid(value)) {
            throw new InvalidValueException("email", value, "is not a valid email address; write it as name@example.com");
        }
    }

    public static Email parse(String raw) {
        return new Email(raw);
    }

    /** The form emails are matched by: case is ignored in the whole address, as mail providers do. */
    public String key() {
        return key(value);
    }

    static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
