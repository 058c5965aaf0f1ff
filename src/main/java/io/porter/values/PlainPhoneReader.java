package io.porter.values;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads the two plain shapes nearly every imported phone comes in, once {@link PhoneNumber#compact} has taken out
 * its spaces and brackets — {@code +} and digits, or digits dialled in the default country — into
 * the number libphonenumber's own parse gives for them. That parse first runs its extension, viability and
 * punctuation patterns over the text, which is most of a phone's cost in an import and, in a new JVM, much of what
 * the compiler has to compile; for text of digits alone none of them can find anything.
 *
 * <p>It reads a number only where the parse would do nothing but split off the country code: whenever the
 * country's national prefix, the default country's international dialling prefix or its own country code could
 * stand at the start, or the code or the length is not one libphonenumber takes, it answers null and the library
 * reads the text as always. Validity and the E.164 form stay libphonenumber's. A randomised test over every
 * region's example numbers holds each answer to the library's parse.
 */
final class PlainPhoneReader {

    /** libphonenumber's bounds: a national number of 2 to 17 digits, a country code of 1 to 3. */
    private static final int MIN_NATIONAL = 2;
    private static final int MAX_NATIONAL = 17;
    private static final int MAX_COUNTRY_CODE = 3;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<Integer> CALLING_CODES = UTIL.getSupportedCallingCodes();

    /** What the parse looks at in one region's metadata; empty for a region libphonenumber does not know. */
    private record Region(int countryCode, String countryCodeDigits, Pattern nationalPrefix, Pattern internationalPrefix) {
    }

    private static final Map<String, Optional<Region>> BY_REGION = new ConcurrentHashMap<>();
    private static final Map<Integer, Optional<Region>> BY_CALLING_CODE = new ConcurrentHashMap<>();

    private PlainPhoneReader() {
    }

    /**
     * The number libphonenumber's {@code parse(compact, region)} gives, or null when this reader is not sure of it.
     *
     * @param compact the text as {@link PhoneNumber#compact} leaves it
     * @param region  the default country's code, or "ZZ" for none
     */
    static Phonenumber.PhoneNumber read(String compact, String region) {
        int length = compact.length();
        if (length < 3 || length > 40) {
            return null;
        }
        boolean plus = compact.charAt(0) == '+';
        for (int i = plus ? 1 : 0; i < length; i++) {
            char c = compact.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return plus ? international(compact) : national(compact, region);
    }

    /** {@code +}, the country code, the national number. */
    private static Phonenumber.PhoneNumber international(String compact) {
        // three digits at least (libphonenumber refuses fewer after a '+'), and no code starts with 0
        if (compact.length() < 4 || compact.charAt(1) == '0') {
            return null;
        }
        // calling codes are prefix-free, so the first known one is the code, as the library takes it
        int end = Math.min(compact.length(), 1 + MAX_COUNTRY_CODE);
        for (int i = 2; i <= end; i++) {
            int code = Integer.parseInt(compact, 1, i, 10);
            if (CALLING_CODES.contains(code)) {
                Region country = BY_CALLING_CODE.computeIfAbsent(code, PlainPhoneReader::callingCode).orElse(null);
                return country == null ? null : number(country, compact.substring(i));
            }
        }
        return null;
    }

    /**
     * The digits of a number as it is dialled inside the default country, without its national prefix, or after the
     * country's international dialling prefix.
     */
    private static Phonenumber.PhoneNumber national(String digits, String region) {
        Region country = BY_REGION.computeIfAbsent(region, PlainPhoneReader::region).orElse(null);
        if (country == null) {
            return null;
        }
        if (country.internationalPrefix() != null) {
            java.util.regex.Matcher idd = country.internationalPrefix().matcher(digits);
            if (idd.lookingAt()) {
                // dialled out of the country (00 34…, 011 34…): what follows is read as after a '+'; a 0 right after
                // the prefix, which makes the library read a national number after all, international() leaves to it
                return international("+" + digits.substring(idd.end()));
            }
        }
        // the country's own code in front: the library weighs whether it is one
        return digits.startsWith(country.countryCodeDigits()) ? null : number(country, digits);
    }

    private static Phonenumber.PhoneNumber number(Region country, String national) {
        if (national.length() < MIN_NATIONAL || national.length() > MAX_NATIONAL
                // a national prefix (or carrier code) in front: the library strips it when the rest has a possible length
                || country.nationalPrefix() != null && country.nationalPrefix().matcher(national).lookingAt()) {
            return null;
        }
        return number(country.countryCode(), national);
    }

    /** The number of these digits under this code, with its leading zeros kept beside the long as the library keeps them. */
    static Phonenumber.PhoneNumber number(int countryCode, String national) {
        Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber().setCountryCode(countryCode);
        // leading zeros are part of the number in Italy and elsewhere
        if (national.length() > 1 && national.charAt(0) == '0') {
            number.setItalianLeadingZero(true);
            int zeros = 1;
            while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
                zeros++;
            }
            if (zeros != 1) {
                number.setNumberOfLeadingZeros(zeros);
            }
        }
        return number.setNationalNumber(Long.parseLong(national));
    }

    private static Optional<Region> region(String region) {
        return Optional.ofNullable(NumberingPlans.of(region, 0)).map(PlainPhoneReader::of);
    }

    /** The metadata the parse uses for a number with this code: its main region's, or the non-geographic entity's. */
    private static Optional<Region> callingCode(int code) {
        return Optional.ofNullable(NumberingPlans.of(UTIL.getRegionCodeForCountryCode(code), code)).map(PlainPhoneReader::of);
    }

    private static Region of(PhoneMetadata m) {
        return new Region(m.getCountryCode(), Integer.toString(m.getCountryCode()), NumberingPlans.pattern(m.getNationalPrefixForParsing()),
                NumberingPlans.pattern(m.getInternationalPrefix()));
    }
}
