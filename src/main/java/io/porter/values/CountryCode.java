package io.porter.values;

import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code, upper case: the default region for reading phone numbers. */
public record CountryCode(String value) {

    private static final Set<String> KNOWN = Set.of(Locale.getISOCountries());

    public CountryCode {
        String given = value;
        value = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (!KNOWN.contains(value)) {
            throw new InvalidValueException("default_country", given,
                    "is not a two-letter ISO country code; use one such as ES, MX, US or GB");
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
