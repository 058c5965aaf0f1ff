package io.porter.api;

import io.porter.values.InvalidValueException;

/** Checks on the free text people send, before it reaches PostgreSQL (which refuses NUL characters). */
public final class Texts {

    private Texts() {
    }

    /** The text trimmed, required, 1 to {@code max} characters. */
    public static String required(String field, String raw, int max) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new InvalidValueException(field, raw, io.porter.texts.Text.of("error.text.missing", max));
        }
        return checked(field, text, max);
    }

    /** The text as given, refusing NUL characters and text longer than {@code max} characters. */
    public static String checked(String field, String text, int max) {
        if (text == null) {
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidValueException(field, text.replace('\0', '?'), io.porter.texts.Text.of("error.text.nul"));
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw new InvalidValueException(field, text, io.porter.texts.Text.of("error.text.too-long", max));
        }
        return text;
    }
}
