package io.porter.values;

import io.porter.texts.Text;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** The types a custom field can have, and how a person's text becomes a value of each. */
public enum FieldType {
    TEXT, NUMBER, BOOLEAN, DATE;

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "si", "sí", "verdadero", "t");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "falso", "f");

    public static FieldType parse(String raw) {
        if (raw != null) {
            for (FieldType t : values()) {
                if (t.key().equals(raw.strip().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
        }
        throw new InvalidValueException("type", raw, Text.of("error.field-type.invalid"));
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The stored value of some text: a String, BigDecimal, Boolean, or for dates an ISO-8601 instant String.
     * Blank text is no value (null); text is trimmed like every other value, so {@code " Dolor "} is {@code Dolor}.
     */
    public Object read(String raw) {
        return read(raw, false);
    }

    /** As {@link #read(String)}; {@code zonelessIsUtc} reads a date-time without a zone as UTC (see {@link Dates}). */
    public Object read(String raw, boolean zonelessIsUtc) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        return switch (this) {
            case TEXT -> text;
            case NUMBER -> number(text);
            case BOOLEAN -> bool(text);
            case DATE -> Dates.parse(text, zonelessIsUtc).toString();
        };
    }

    private static final java.util.regex.Pattern NUMBER_TEXT = java.util.regex.Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,4})?");

    /** The longest number Jackson reads back (its default constraint), which custom attributes are read with. */
    private static final int MAX_NUMBER_LENGTH = com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

    private static BigDecimal number(String text) {
        if (!NUMBER_TEXT.matcher(text).matches()) {
            throw new InvalidValueException(null, text, Text.of("error.number.invalid"));
        }
        BigDecimal n = new BigDecimal(text);
        // a custom attribute is stored as JSON and read back in full, without exponent, by a JSON reader that takes
        // numbers of at most 1,000 characters: a longer one would make the contact unreadable
        long digits = Math.max(n.precision() - (long) n.scale(), 1) + Math.max(n.scale(), 0);
        long written = digits + (n.scale() > 0 ? 1 : 0) + (n.signum() < 0 ? 1 : 0);
        if (written > MAX_NUMBER_LENGTH) {
            throw new InvalidValueException(null, text, Text.of("error.number.too-long", MAX_NUMBER_LENGTH));
        }
        return n;
    }

    private static Boolean bool(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (TRUE.contains(t)) {
            return Boolean.TRUE;
        }
        if (FALSE.contains(t)) {
            return Boolean.FALSE;
        }
        throw new InvalidValueException(null, text, Text.of("error.boolean.invalid"));
    }
}
