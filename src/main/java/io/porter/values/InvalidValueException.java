package io.porter.values;

import io.porter.texts.Text;

/**
 * A value a person gave that Porter cannot accept. The message names the field and the value and says
 * how to fix it, e.g. {@code email: 'ana@' is not a valid email address; write it as name@example.com}. The
 * problem is kept as a {@link Text}, so a page says it in its reader's language; the field's name and the value
 * are shown as they are.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;
    private final String value;
    private final Text problem;

    public InvalidValueException(String field, String value, String problem) {
        this(field, value, Text.verbatim(problem));
    }

    public InvalidValueException(String field, String value, Text problem) {
        this.field = field;
        this.value = value;
        this.problem = problem;
    }

    /** The same problem, said of the field it was found in. */
    public InvalidValueException inField(String fieldName) {
        return new InvalidValueException(fieldName, value, problem);
    }

    /** The whole message, to be said in the reader's language. */
    public Text text() {
        String shown = value == null ? null : shorten(value);
        if (field == null) {
            return shown == null ? problem : Text.of("error.value.shown", shown, problem);
        }
        return shown == null ? Text.of("error.value.field", field, problem) : Text.of("error.value.field-shown", field, shown, problem);
    }

    public String message(java.util.Locale locale) {
        return text().in(locale);
    }

    /** In English, made when asked for: an import meets many bad values and may only want them in another language. */
    @Override
    public String getMessage() {
        return text().english();
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String problem() {
        return problem.english();
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
