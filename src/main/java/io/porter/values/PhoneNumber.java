package io.porter.values;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.porter.texts.Text;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 ({@code +34612345678}). Whatever way it was written — spaces, dashes, brackets,
 * a leading 00 or the national form — it is read with libphonenumber against a default country and must
 * be a valid number there, so every way of writing one number gives the same value.
 */
public record PhoneNumber(String e164) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern LEADING_SPACE_OR_BRACKET = Pattern.compile("^[\\s(]+");

    public PhoneNumber {
        // E.164 caps a number at 15 digits; valid numbers can be as short as +98 9601 (an Iranian UAN), so the
        // floor is libphonenumber's: a country code and a national number of at least 2 digits
        if (!isE164(e164)) {
            throw new InvalidValueException("phone", e164, Text.of("error.phone.not-e164"));
        }
    }

    /** {@code +} and 3 to 15 digits, the first not 0 (checked by hand: every imported phone comes through here). */
    private static boolean isE164(String s) {
        if (s == null || s.length() < 4 || s.length() > 16 || s.charAt(0) != '+' || s.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Reads a number as a person wrote it; {@code defaultCountry} may be null when none is known. */
    public static PhoneNumber parse(String raw, CountryCode defaultCountry) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new InvalidValueException("phone", raw, Text.of("error.phone.empty"));
        }
        String region = defaultCountry == null ? "ZZ" : defaultCountry.value();
        String compact = compact(text);
        // the plain shapes without libphonenumber's parse patterns; the same number it would read
        Phonenumber.PhoneNumber number = PlainPhoneReader.read(compact, region);
        if (number == null) {
            try {
                number = UTIL.parse(compact, region);
            } catch (NumberParseException e) {
                if (!startsWithDoubleZero(text)) {
                    throw invalid(text, defaultCountry);
                }
            }
        }
        // validity is the costly check (a pattern per number type): made once per reading
        boolean valid = number != null && PhoneValidity.isValid(number);
        if (!valid && startsWithDoubleZero(text)) {
            // 00 is the international prefix people write whatever the default country's own one is
            // (011 in the US and Canada), and with no default country libphonenumber knows no prefix at all
            number = parseOrNull("+" + text.substring(text.indexOf("00") + 2));
            valid = number != null && PhoneValidity.isValid(number);
        }
        if (!valid) {
            throw invalid(text, defaultCountry);
        }
        return new PhoneNumber(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /**
     * The number without the spaces, dashes, dots, slashes and brackets people put in it, when libphonenumber would
     * drop them anyway: its parse does that only after running its extension and number patterns over the whole
     * text, and those cost a third of the parse for a number written "+34 612 34 56 78". Anything else (letters, an
     * extension, a second '+', a '+' after a digit, fewer than three digits, an unusual length) is passed as written.
     */
    static String compact(String text) {
        if (text.length() > 40) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
                digits++;
            } else if (c == '+') {
                // only one '+', and before every digit
                if (out.length() > 0) {
                    return text;
                }
                out.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '/' && c != '(' && c != ')') {
                return text;
            }
        }
        return digits >= 3 ? out.toString() : text;
    }

    private static boolean startsWithDoubleZero(String text) {
        String digits = PhoneNumberUtil.normalizeDigitsOnly(text);
        String lead = LEADING_SPACE_OR_BRACKET.matcher(text).replaceAll("");
        return digits.startsWith("00") && lead.startsWith("00");
    }

    private static Phonenumber.PhoneNumber parseOrNull(String international) {
        try {
            return UTIL.parse(international, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The refusal, saying what is wrong: worked out only now, as refused numbers are few. */
    private static InvalidValueException invalid(String text, CountryCode country) {
        String written = startsWithDoubleZero(text) ? "+" + text.substring(text.indexOf("00") + 2) : text;
        return new InvalidValueException("phone", text, PhoneProblem.of(written, country));
    }
}
