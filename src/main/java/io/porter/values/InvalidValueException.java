package io.porter.values;

/**
 * A value a person gave that Porter cannot accept. The message names the field and the value and says
 * how to fix it, e.g. {@code email: 'ana@' is not a valid email address; write it as name@example.com}.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;
    private final String value;
    private final String problem;

    public InvalidValueException(String field, String value, String problem) {
        super(format(field, value, problem));
        this.field = field;
        this.value = value;
        this.problem = problem;
    }

    /** The same problem, said of the field it was found in. */
    public InvalidValueException inField(String fieldName) {
        return new InvalidValueException(fieldName, value, problem);
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String problem() {
        return problem;
    }

    private static String format(String field, String value, String problem) {
        String shown = value == null ? "" : " '" + shorten(value) + "'";
        String prefix = field == null ? "" : field + ":";
        return (prefix + shown + " " + problem).trim();
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
