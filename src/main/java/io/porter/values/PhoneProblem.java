package io.porter.values;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber.CountryCodeSource;
import io.porter.texts.Text;

/**
 * What is wrong with a phone number that {@link PhoneNumber#parse} refused, said for a person: not a number, too
 * short or too long, a country code that does not exist, or not valid in its own country — or, for a number written
 * without a country code, in the default country it was read with. It reads the number again with libphonenumber's
 * slower, more telling calls; only refused numbers come here, so the valid path pays nothing for it.
 */
final class PhoneProblem {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** libphonenumber's region for country codes that belong to no country (+800, +808, +870, +881, +882, +883, +888, +979). */
    private static final String NON_GEOGRAPHIC = "001";

    private PhoneProblem() {
    }

    /** @param international the number as written, with a leading 00 already turned into '+' */
    static Text of(String international, CountryCode defaultCountry) {
        String region = defaultCountry == null ? "ZZ" : defaultCountry.value();
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parseAndKeepRawInput(international, region);
        } catch (NumberParseException e) {
            return unparsed(international, e.getErrorType());
        }
        boolean national = number.getCountryCodeSource() == CountryCodeSource.FROM_DEFAULT_COUNTRY;
        Text reason = switch (UTIL.isPossibleNumberWithReason(number)) {
            case TOO_SHORT -> Text.of("error.phone.reason.too-short");
            case TOO_LONG -> Text.of("error.phone.reason.too-long");
            case INVALID_LENGTH -> Text.of("error.phone.reason.wrong-length");
            case INVALID_COUNTRY_CODE -> null;
            default -> Text.of("error.phone.reason.invalid");
        };
        if (reason == null) {
            return Text.of("error.phone.unknown-country-code");
        }
        String code = String.valueOf(number.getCountryCode());
        return national
                ? Text.of("error.phone.in-default-country", reason, country(code), code)
                : Text.of("error.phone.in-its-country", reason, country(code), code);
    }

    private static Text unparsed(String text, NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> isInternational(text) ? Text.of("error.phone.unknown-country-code") : Text.of("error.phone.invalid");
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> Text.of("error.phone.too-short");
            case TOO_LONG -> Text.of("error.phone.too-long");
            // libphonenumber says 'not a number' also of a lone digit
            case NOT_A_NUMBER -> hasOnlyPhoneCharacters(text) ? Text.of("error.phone.too-short") : Text.of("error.phone.not-a-number");
        };
    }

    private static Text country(String countryCode) {
        String region = UTIL.getRegionCodeForCountryCode(Integer.parseInt(countryCode));
        return NON_GEOGRAPHIC.equals(region) ? Text.of("error.phone.non-geographic") : Text.country(region);
    }

    private static boolean isInternational(String text) {
        String t = text.stripLeading();
        return t.startsWith("+") || t.startsWith("00");
    }

    private static boolean hasOnlyPhoneCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && " +-.()/".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
