package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    private static final CountryCode ES = CountryCode.parse("ES");
    private static final CountryCode US = CountryCode.parse("US");

    @ParameterizedTest
    @ValueSource(strings = {"+34 612 34 56 78", "0034612345678", "612-345-678", "612345678", "612 34 56 78",
            "(612) 345 678", "+34 (612) 34-56-78", "00 34 612 34 56 78", "  612345678  ", "+34.612.34.56.78",
            "６１２３４５６７８", "＋３４ ６１２ ３４ ５６ ７８"})
    void everyWayOfWritingASpanishMobileIsOneNumber(String written) {
        assertThat(PhoneNumber.parse(written, ES).e164()).isEqualTo("+34612345678");
    }

    /**
     * Numbers are handed to libphonenumber without their spaces, dashes, dots, slashes and brackets when it would
     * drop them itself ({@link PhoneNumber#compact}). For random texts of those characters, digits and '+', and for
     * real numbers with separators scattered in them, against several default countries, libphonenumber must read
     * the compacted text exactly as the text as written: the same number, the same validity, or the same refusal.
     */
    @Test
    void compactingBeforeTheParseNeverChangesWhatLibphonenumberReads() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        SplittableRandom rnd = new SplittableRandom(11);
        String alphabet = "0123456789 +-./()";
        String[] real = {"+34612345678", "0034612345678", "612345678", "+442079460018", "02079460018", "+16502530000",
                "6502530000", "0116502530000", "+390577555555", "0577555555", "+5215512345678", "+861012345678", "112",
                "+80012345678", "0612345678", "+3906123", "007", "+0012"};
        String[] regions = {"ES", "US", "GB", "IT", "MX", "DE", "ZZ"};
        int compacted = 0;
        for (int i = 0; i < 40_000; i++) {
            StringBuilder b = new StringBuilder();
            if (rnd.nextBoolean()) {
                for (int n = rnd.nextInt(1, 24); n > 0; n--) {
                    b.append(alphabet.charAt(rnd.nextInt(rnd.nextInt(4) == 0 ? alphabet.length() : 10)));
                }
            } else {
                for (char c : real[rnd.nextInt(real.length)].toCharArray()) {
                    while (rnd.nextInt(3) == 0) {
                        b.append(alphabet.charAt(rnd.nextInt(10, alphabet.length())));
                    }
                    b.append(c);
                }
            }
            String written = b.toString();
            String region = regions[rnd.nextInt(regions.length)];
            String compact = PhoneNumber.compact(written);
            compacted += compact.equals(written) ? 0 : 1;
            assertThat(read(util, compact, region)).as("%s in %s (compacted: %s)", written, region, compact)
                    .isEqualTo(read(util, written, region));
        }
        assertThat(compacted).as("texts the test compacted").isGreaterThan(10_000);
    }

    private static String read(PhoneNumberUtil util, String text, String region) {
        try {
            com.google.i18n.phonenumbers.Phonenumber.PhoneNumber n = util.parse(text, region);
            return util.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) + (util.isValidNumber(n) ? " valid" : " invalid");
        } catch (NumberParseException e) {
            return e.getErrorType().toString();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "0034612345678, US, +34612345678",
            "0034612345678, GB, +34612345678",
            "011 34 612 34 56 78, US, +34612345678",
            "0044 20 7946 0018, US, +442079460018",
            "+1 650-253-0000, ES, +16502530000",
            "(650) 253-0000, US, +16502530000",
            "020 7946 0018, GB, +442079460018",
            "07400 123456, GB, +447400123456",
            "55 1234 5678, MX, +525512345678",
            "0577 555555, IT, +390577555555"
    })
    void numbersAreReadAgainstTheDefaultCountry(String written, String country, String e164) {
        assertThat(PhoneNumber.parse(written, CountryCode.parse(country)).e164()).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+34 612 34 56 78", "0034 612 34 56 78"})
    void internationalFormsNeedNoDefaultCountry(String written) {
        assertThat(PhoneNumber.parse(written, null).e164()).isEqualTo("+34612345678");
    }

    @Test
    void aNationalNumberWithoutDefaultCountryAsksForTheCountryCode() {
        assertThatThrownBy(() -> PhoneNumber.parse("612345678", null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("phone: '612345678' has no country code, and no default country is set to read it with; write it "
                        + "with its country code, e.g. +34 612 34 56 78, or set a default country");
    }

    @ParameterizedTest
    @CsvSource({"112, ES, Spain (+34)", "091, ES, Spain (+34)", "911, US, United States (+1)", "999, GB, United Kingdom (+44)",
            "112, GB, United Kingdom (+44)", "1004, ES, Spain (+34)", "116000, ES, Spain (+34)"})
    void shortAndEmergencyNumbersAreRefusedNamingTheDefaultCountry(String written, String country, String named) {
        assertThatThrownBy(() -> PhoneNumber.parse(written, CountryCode.parse(country)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("phone: '" + written + "' ")
                .hasMessageContaining(" in the default country it was read with: " + named + "; ")
                .hasMessageEndingWith("write a number from another country with its country code, e.g. +44 20 7946 0958");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "61234567", "6123456789", "abc", "+34", "+999 612 345 678", "+34 000 00 00 00"})
    void impossibleNumbersAreRefusedNamingFieldAndValueAndHowToFix(String written) {
        assertThatThrownBy(() -> PhoneNumber.parse(written, ES))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("phone: '" + written + "' ")
                .hasMessageNotContaining("Exception").hasMessageNotContaining("ES;");
    }

    @Test
    void blankIsRefused() {
        assertThatThrownBy(() -> PhoneNumber.parse("  ", ES))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("phone: '  ' is empty");
        assertThatThrownBy(() -> PhoneNumber.parse(null, ES)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("phone:");
    }

    @Test
    void aValidNationalNumberIsNotReadAgainAsInternational() {
        // Italy keeps its leading 0 and Spain's 00 is its own international prefix: no second reading may win
        assertThat(PhoneNumber.parse("0577 555555", CountryCode.parse("IT")).e164()).isEqualTo("+390577555555");
    }

    @Test
    void theRecordOnlyHoldsE164() {
        assertThat(new PhoneNumber("+34612345678").e164()).isEqualTo("+34612345678");
        assertThatThrownBy(() -> new PhoneNumber("612345678")).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("phone: '612345678'");
        assertThatThrownBy(() -> new PhoneNumber("+0612345678")).isInstanceOf(InvalidValueException.class);
        // E.164: a country code and at least 2 more digits, 15 digits at most
        assertThat(new PhoneNumber("+989").e164()).isEqualTo("+989");
        assertThat(new PhoneNumber("+123456789012345").e164()).isEqualTo("+123456789012345");
        for (String wrong : new String[] {"+98", "+1234567890123456", "+34 612345678", "+34612345x78", "34612345678", "", "+"}) {
            assertThatThrownBy(() -> new PhoneNumber(wrong)).as(wrong).isInstanceOf(InvalidValueException.class);
        }
        assertThatThrownBy(() -> new PhoneNumber(null)).isInstanceOf(InvalidValueException.class);
    }
}
