package io.porter.values;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A two-letter country code, upper case: the default region for reading phone numbers. Known codes are the
 * ISO 3166-1 alpha-2 countries and every region libphonenumber reads numbers for; the latter adds codes
 * such as XK (Kosovo), AC (Ascension Island) and TA (Tristan da Cunha), which have their own numbering but
 * are not (or only exceptionally) in ISO 3166-1.
 */
public record CountryCode(String value) {

    private static final Set<String> KNOWN = known();

    private static Set<String> known() {
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        codes.addAll(PhoneNumberUtil.getInstance().getSupportedRegions());
        return Set.copyOf(codes);
    }

    public CountryCode {
        String given = value;
        value = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (!KNOWN.contains(value)) {
            throw new InvalidValueException("default_country", given, io.porter.texts.Text.of("error.country.invalid"));
        }
    }

    public static CountryCode parse(String raw) {
        return new CountryCode(raw);
    }

    /** Null and blank mean 'none given'. */
    public static CountryCode parseOptional(String raw) {
        return raw == null || raw.isBlank() ? null : new CountryCode(raw);
    }
}
